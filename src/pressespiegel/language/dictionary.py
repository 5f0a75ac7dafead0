"""simplemma's word dictionaries, loaded in milliseconds: lemmas and "is this a known word".

simplemma decodes a language's whole dictionary into a Python dict at first use: about a second
and 150 MiB for German's 1.1 million forms, paid again by every process (each worker, each
one-article command-line run). Here the dictionary is decoded once, stored sorted in the per-user
cache (:mod:`pressespiegel.cache`), and read from there as one block of bytes with an index of
every 16th key; a lookup bisects to its block and reads at most 16 records. The answers are
simplemma's own (its strategies run unchanged on this dictionary), which
``tests/language/test_dictionary.py`` checks word by word.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from ..cache import cached_bytes

_MAGIC = b"PSDICT1\n"
_BLOCK = 16


def _supported(lang: str) -> bool:
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return lang in SUPPORTED_LANGUAGES


def encode(items: Mapping[str, str]) -> bytes:
    """The cache file of one dictionary: magic, sizes, block offsets, block keys, records.
    Records are ``key TAB value NEWLINE`` in UTF-8 byte order; a form with a tab or a newline
    in it (none in simplemma's data) cannot be stored and is left out."""
    pairs = sorted(
        (k.encode(), v.encode())
        for k, v in items.items()
        if "\t" not in k and "\n" not in k and "\n" not in v
    )
    offsets = array("q")
    firsts: list[bytes] = []
    records: list[bytes] = []
    pos = 0
    for i, (k, v) in enumerate(pairs):
        if i % _BLOCK == 0:
            offsets.append(pos)
            firsts.append(k)
        rec = k + b"\t" + v + b"\n"
        records.append(rec)
        pos += len(rec)
    offsets.append(pos)
    keys = b"\n".join(firsts)
    head = b"%d %d %d\n" % (len(pairs), len(offsets), len(keys))
    return _MAGIC + head + offsets.tobytes() + keys + b"".join(records)


def _parts(blob: bytes) -> tuple[int, array[int], list[bytes], memoryview] | None:
    """The parts of a cache file, or None when it is not one (wrong magic, truncated)."""
    if not blob.startswith(_MAGIC):
        return None
    end = blob.find(b"\n", len(_MAGIC))
    try:
        count, n_offsets, n_keys = map(int, blob[len(_MAGIC) : end].split())
    except ValueError:
        return None
    start = end + 1
    offsets = array("q")
    offsets.frombytes(blob[start : start + 8 * n_offsets])
    start += 8 * n_offsets
    keys = blob[start : start + n_keys]
    data = memoryview(blob)[start + n_keys :]
    if len(offsets) != n_offsets or not offsets or offsets[-1] != len(data):
        return None
    firsts = keys.split(b"\n") if count else []
    if len(firsts) != n_offsets - 1:
        return None
    return count, offsets, firsts, data


def is_dictionary(blob: bytes) -> bool:
    """Whether ``blob`` is a whole file written by :func:`encode`."""
    return _parts(blob) is not None


class CachedDictionary(Mapping[str, str]):
    """A read-only form -> lemma mapping over one cache file's bytes."""

    __slots__ = ("_count", "_data", "_firsts", "_offsets")

    def __init__(self, blob: bytes) -> None:
        parts = _parts(blob)
        if parts is None:
            raise ValueError("not a pressespiegel dictionary file")
        self._count, self._offsets, self._firsts, self._data = parts

    def get(self, key: str, default: Any = None) -> Any:
        target = key.encode()
        i = bisect_right(self._firsts, target) - 1
        if i < 0:
            return default
        # the block without its last newline: every line is one record
        block = self._data[self._offsets[i] : self._offsets[i + 1] - 1].tobytes()
        for line in block.split(b"\n"):
            k, _, v = line.partition(b"\t")
            if k == target:
                return v.decode()
            if k > target:
                break
        return default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def __iter__(self) -> Iterator[str]:
        data = self._data.tobytes()
        for line in data[:-1].split(b"\n") if data else ():
            yield line.partition(b"\t")[0].decode()

    def __len__(self) -> int:
        return self._count


def _build(lang: str) -> bytes:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    return encode(DefaultDictionaryFactory(cache_max_size=0).get_dictionary(lang))


@lru_cache(maxsize=8)
def dictionary(lang: str) -> CachedDictionary:
    """simplemma's dictionary of ``lang`` (ValueError for a language it has none for)."""
    if not _supported(lang):
        raise ValueError(f"Unsupported language: {lang}")
    import simplemma

    name = f"simplemma-{simplemma.__version__}-{lang}.dict"
    blob = cached_bytes(name, lambda: _build(lang), valid=is_dictionary)
    return CachedDictionary(blob)


class CachedDictionaryFactory:
    """simplemma's ``DictionaryFactory`` protocol over :func:`dictionary`."""

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        return dictionary(lang)


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(
        lemmatization_strategy=DefaultStrategy(dictionary_factory=CachedDictionaryFactory())
    )


@lru_cache(maxsize=1)
def _lookup() -> Any:
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(CachedDictionaryFactory())


def lemmatize(word: str, lang: str = "de") -> str:
    """``simplemma.lemmatize(word, lang)``: the lemma (simplemma's fallback when unknown)."""
    return str(_lemmatizer().lemmatize(word, lang))


def is_known(word: str, lang: str = "de") -> bool:
    """``simplemma.is_known(word, lang)``: whether the form is in the dictionary."""
    if not isinstance(word, str):
        raise TypeError("word must be a string")
    if not word:
        raise ValueError("Wrong input value: empty string")
    return _lookup().get_lemma(unicodedata.normalize("NFC", word), lang) is not None
