"""Near-duplicates: syndicated agency copy and lightly edited versions of one text.

MinHash over word 5-gram shingles of the body, with LSH so that no step compares all pairs.
A duplicate maps to its original: the earliest published copy (ties: the first seen).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..model import Article
from ..textutil import ascii_fold
from .embed import body_text

SHINGLE = 5
NUM_PERM = 128
# datasketch's permutation scheme; stored with a persisted index, since signatures made under
# another scheme are not comparable.
SCHEME = "affine32"
# Estimated Jaccard of the 5-gram shingle sets above which two bodies are copies of one text.
# Calibrated on hand-made German articles (tests/link/test_duplicates.py): another headline, an
# added or dropped sentence, another agency line or appended boilerplate give 0.85-0.96; another
# outlet's own report of the same event gives ~0. On ECB+ (982 docs, eval/ecbplus.py) pairs from
# different stories never pass 0.07, while same-story pairs spread from 0.15 to 0.96 (agency copy
# rewritten to varying degrees). At 0.5 the example corpus's two dpa versions (one with a
# paragraph added, another with one cut: true Jaccard 0.53, containment 0.72) fell under the
# MinHash estimate; 0.4 finds them, and 37 pairs on ECB+, all within one gold story (BCubed
# unchanged), leaving the reworked rewrites to story clustering. MinHash's error at 128
# permutations is ~0.04.
THRESHOLD = 0.4

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Word k-gram shingles of the case- and accent-folded text (all of it if shorter than k)."""
    words = _WORD.findall(ascii_fold(text).lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    # datasketch draws the same permutations from its seed for every MinHash, at 0.1 ms each
    perms = np.asarray(MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations)
    perms.setflags(write=False)  # shared by every MinHash made here
    return perms


@lru_cache(maxsize=8)
def _lsh_params(threshold: float) -> tuple[int, int]:
    # datasketch's bands and rows for the threshold (a numerical integration, 25 ms each time)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def signature(article: Article) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of the article's body."""
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    mh.update_batch(list(shingles(body_text(article))))
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def _minhash(sig: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=sig, scheme=SCHEME, permutations=_permutations())


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        try:  # a month ("2024-06") or a year: take its first day
            parts = [int(p) for p in published[:7].split("-")]
            return date(parts[0], parts[1] if len(parts) > 1 else 1, 1)
        except (ValueError, IndexError):
            return None


def _order_key(published: str | None, seq: int) -> tuple[int, int]:
    """Earliest published first; undated after dated; ties by order of arrival."""
    d = _day(published)
    return (d.toordinal() if d else 10**7, seq)


class DuplicateIndex:
    """An incremental near-duplicate index that a store can persist (``to_bytes``/``from_bytes``).

    ``add`` returns the original an article duplicates (or None); ``duplicate_of`` gives the whole
    mapping, recomputed so that each group's original is its earliest published member.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM,
                               params=_lsh_params(threshold))
        self.ids: list[str] = []
        self.published: list[str | None] = []
        self._sigs: list[np.ndarray] = []
        self._row: dict[str, int] = {}
        # Union-find over rows: copies of copies land in one group.
        self._parent: list[int] = []

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row

    def _find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def _insert(self, article_id: str, published: str | None, sig: np.ndarray,
                index: bool = True) -> int:
        row = len(self.ids)
        self.ids.append(article_id)
        self.published.append(published)
        self._sigs.append(sig)
        self._row[article_id] = row
        self._parent.append(row)
        if index:
            self._lsh.insert(article_id, _minhash(sig))
        return row

    def add(self, article: Article) -> str | None:
        """Index the article; return the original it is a near-duplicate of, else None.

        Re-adding a known id changes nothing and returns its current original (or None).
        """
        if article.id in self._row:
            orig = self.original(article.id)
            return None if orig == article.id else orig
        sig = signature(article)
        mh = _minhash(sig)
        if not shingles(body_text(article)):
            # No words, no text to copy: an empty body is nobody's duplicate (empty shingle
            # sets would all share one signature).
            self._insert(article.id, article.published, sig, index=False)
            return None
        # LSH finds candidates near the threshold; the estimate confirms them. The article joins
        # only its closest match's group: a round-up quoting two agency reports must not chain
        # the two (unrelated) reports into one group.
        scored = [(mh.jaccard(_minhash(self._sigs[self._row[c]])), self._row[c])
                  for c in self._lsh.query(mh)]
        matches = [(j, r) for j, r in scored if j >= self.threshold]
        row = self._insert(article.id, article.published, sig)
        if not matches:
            return None
        _, closest = max(matches)
        self._parent[self._find(closest)] = self._find(row)
        orig = self.original(article.id)
        return None if orig == article.id else orig

    def group(self, article_id: str) -> list[str]:
        """The ids of the article's group (itself and its copies, or its original's)."""
        root = self._find(self._row[article_id])
        return [self.ids[i] for i in range(len(self.ids)) if self._find(i) == root]

    def original(self, article_id: str) -> str:
        """The earliest published member of the article's group (the article itself if alone)."""
        root = self._find(self._row[article_id])
        members = [i for i in range(len(self.ids)) if self._find(i) == root]
        best = min(members, key=lambda i: _order_key(self.published[i], i))
        return self.ids[best]

    def duplicate_of(self) -> dict[str, str]:
        """Every duplicate's id mapped to its group's original."""
        groups: dict[int, list[int]] = {}
        for i in range(len(self.ids)):
            groups.setdefault(self._find(i), []).append(i)
        out: dict[str, str] = {}
        for members in groups.values():
            if len(members) < 2:
                continue
            orig = min(members, key=lambda i: _order_key(self.published[i], i))
            for i in members:
                if i != orig:
                    out[self.ids[i]] = self.ids[orig]
        return out

    # -- persistence ----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The index as one ``.npz`` blob: signatures, ids, dates and groups."""
        buf = io.BytesIO()
        meta = {"threshold": self.threshold, "ids": self.ids, "published": self.published,
                "num_perm": NUM_PERM, "shingle": SHINGLE, "scheme": SCHEME}
        sigs = np.vstack(self._sigs) if self._sigs else np.zeros((0, NUM_PERM), dtype=np.uint32)
        roots = np.asarray([self._find(i) for i in range(len(self.ids))], dtype=np.int64)
        blob = np.frombuffer(json.dumps(meta).encode(), np.uint8)
        np.savez(buf, sigs=sigs, roots=roots, meta=blob)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> DuplicateIndex:
        with np.load(io.BytesIO(data)) as z:
            meta = json.loads(z["meta"].tobytes().decode())
            sigs = z["sigs"].astype(np.uint32)
            roots = z["roots"].tolist()
        if (meta["num_perm"], meta["shingle"], meta.get("scheme")) != (NUM_PERM, SHINGLE, SCHEME):
            raise ValueError("duplicate index was built with other MinHash settings; rebuild it")
        idx = cls(threshold=float(meta["threshold"]))
        for i, (aid, pub) in enumerate(zip(meta["ids"], meta["published"], strict=True)):
            idx._insert(aid, pub, sigs[i])
        idx._parent = [int(r) for r in roots]
        return idx


def near_duplicates(articles: Iterable[Article], threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each near-duplicate's id to its original (earliest published; ties by input order)."""
    idx = DuplicateIndex(threshold=threshold)
    for art in articles:
        idx.add(art)
    return idx.duplicate_of()
