"""The story features' hasher against scikit-learn's, whose rows stored indexes hold."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressespiegel.link import hashing

FeatureHasher = pytest.importorskip("sklearn.feature_extraction").FeatureHasher

rows = st.lists(
    st.dictionaries(st.text(max_size=12), st.floats(-5, 5, allow_nan=False), max_size=30),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(rows, st.sampled_from([2**4, 2**10, 2**18, 2**20]))
def test_rows_equal_scikit_learns(data: list[dict[str, float]], n: int) -> None:
    ours = hashing.hash_rows(data, n)
    theirs = FeatureHasher(n_features=n, input_type="dict", alternate_sign=False).transform(data)
    assert ours.shape == theirs.shape
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.allclose(ours.data, theirs.data, rtol=0, atol=1e-12)


def test_colliding_names_are_summed_and_zeros_dropped() -> None:
    n = 2**4
    keys = [f"w{i}" for i in range(200)]
    a, b = next(
        (x, y) for x in keys for y in keys if x < y and hashing.column(x, n) == hashing.column(y, n)
    )
    m = hashing.hash_rows([{a: 1.5, b: 2.0, "zero": 0.0}], n)
    assert m.nnz == 1
    assert m[0, hashing.column(a, n)] == 3.5
