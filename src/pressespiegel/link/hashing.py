"""Feature hashing without scikit-learn: the same rows as ``sklearn.feature_extraction.
FeatureHasher(n_features, input_type="dict", alternate_sign=False)``.

Story clustering hashes words, names and entities into fixed-width sparse rows, and the story
index keeps those rows in the store. scikit-learn's hasher costs a second of imports (it pulls in
``scipy.stats``) in every process that clusters, a one-article run included, so the rows are
built here with the same hash (MurmurHash3 x86 32-bit, seed 0, of the UTF-8 key, via ``mmh3``)
and the same column rule; an index stored by either reads the same. ``tests/link/test_hashing.py``
checks the two against each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import mmh3
import numpy as np
import scipy.sparse as sp

_INT32_MIN = -(2**31)


def column(key: str, n_features: int) -> int:
    """The column a feature name hashes to (scikit-learn's rule, its edge case included:
    ``abs(-2**31)`` is taken as ``2**31 - 1 - (n_features - 1)`` before the modulo)."""
    h = mmh3.hash(key, 0, True)
    if h == _INT32_MIN:
        return (2**31 - 1 - (n_features - 1)) % n_features
    return abs(h) % n_features


def hash_rows(rows: Iterable[Mapping[str, float]], n_features: int) -> sp.csr_matrix:
    """One CSR row (float64) per mapping of feature names to values; values of names that share
    a column are summed, and zero values are kept out."""
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for row in rows:
        for key, value in row.items():
            if value != 0:
                indices.append(column(key, n_features))
                values.append(value)
        indptr.append(len(indices))
    m = sp.csr_matrix(
        (
            np.asarray(values, dtype=np.float64),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, n_features),
    )
    m.sum_duplicates()
    return m
