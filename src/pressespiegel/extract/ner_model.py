"""The default German NER: a trained linear-chain CRF, with the rule-based NER beside it.

Why a CRF: it trains on these machines in minutes (two cores, no GPU), tags about 1,700
sentences a second in one process (rules included; ``bench/ner_bench.py``), and its weights are
about 4 MB. Transformer taggers score higher on GermEval but tag tens of sentences a second
on a laptop CPU, and no German one installs from the package index. The features are in
:mod:`.ner_features`; the training recipe and its measurements in :mod:`.ner_train`,
``eval/ner_germeval.py`` and ``docs/ner.md``.

The rules (:class:`~.entities.RuleNER`) stay useful beside the model: their spans are features of
the CRF, and :func:`merge` lets their sure spans correct it (gazetteers know canonical names;
the rules know the structure of Korean names and the short forms of names found earlier in the
article, which a sentence-level model cannot see). The model is loaded lazily, once per process.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import E, ModelError
from ..language.tokens import MAX_SENTENCE
from ..model import Article, Token
from ..textutil import Intervals
from .canonical import ADDRESS_GENDER, NAME_PARTICLES, first_names
from .entities import NER, EntitySpan, RuleNER, role_head
from .ner_features import (
    CLASSES_FILE,
    CLUSTERS_FILE,
    MODEL_DIR,
    NAMES_FILE,
    NEAR,
    TARGET_DOMAIN,
    FeatureSet,
    in_domain,
    load_names,
    load_piece_classes,
    load_word_clusters,
    word_features,
)

MODEL_FILE = "de.crfsuite"
WEIGHTS_FILE = "de.weights.npz"  # the same weights as NumPy arrays (LinearChain)


def model_dir() -> Path:
    """Folder of the shipped model inside the installed package."""
    return Path(str(resources.files("pressespiegel").joinpath("data", MODEL_DIR)))


def model_installed() -> bool:
    return (model_dir() / MODEL_FILE).is_file()


class CRFTagger:
    """The CRF with its feature resources: BIO tags for the words of a sentence."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or model_dir()
        model = folder / MODEL_FILE
        if not model.is_file():
            raise ModelError(E.NO_NER_MODEL, path=model)
        self.model = model
        self.features = FeatureSet(
            load_piece_classes(folder / CLASSES_FILE),
            load_names(folder / NAMES_FILE),
            load_word_clusters(folder / CLUSTERS_FILE),
        )
        self._tagger: Any = None
        # The weights as NumPy arrays, written beside the model when it was trained; read from
        # crfsuite's own dump (a second) when that file is missing or belongs to another model.
        cached = LinearChain.load(folder / WEIGHTS_FILE, model)
        self.scorer = cached if cached is not None else LinearChain(self.crfsuite().info())

    def crfsuite(self) -> Any:
        """crfsuite's own tagger for the model (opened on first use)."""
        if self._tagger is None:
            import pycrfsuite

            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(self.model))
        return self._tagger

    def tag(
        self,
        words: list[str],
        pos: list[str | None] | None = None,
        hints: list[str] | None = None,
        domain: str = TARGET_DOMAIN,
    ) -> list[str]:
        """The CRF's best labels (as crfsuite's Viterbi gives them, computed here); ``domain``:
        whose conventions to follow, the target's or a training corpus's name."""
        if not words:
            return []
        return self.scorer.tag(self.features, words, pos, hints, domain)

    def tag_many(
        self,
        sentences: Sequence[tuple[list[str], list[str | None] | None, list[str] | None]],
        domain: str = TARGET_DOMAIN,
    ) -> list[list[str]]:
        """:meth:`tag` for each ``(words, pos, hints)``, faster than one by one (an article's
        sentences are scored and decoded together)."""
        return self.scorer.tag_many(self.features, sentences, domain)

    def tag_with_crfsuite(
        self, words: list[str], pos: list[str | None] | None = None, hints: list[str] | None = None
    ) -> list[str]:
        """The same labels from crfsuite itself (the reference :meth:`tag` is tested against)."""
        if not words:
            return []
        feats = in_domain(self.features.sentence(words, pos, hints), TARGET_DOMAIN)
        return list(self.crfsuite().tag(feats))


class LinearChain:
    """A trained crfsuite model's weights in NumPy, and its Viterbi decoding.

    crfsuite looks every feature string of every token up in its dictionary: with about a
    hundred features a token, that was most of the NER's time. Here the weights are folded per
    base feature (:class:`_Folded`), what a word contributes (to its own token and to each
    neighbour) is summed once per process and word, and an article's sentences are scored with
    a few array operations; the labels are those crfsuite gives (tested on real sentences).
    """

    def __init__(
        self,
        info: Any = None,
        *,
        arrays: tuple[list[str], list[str], np.ndarray, np.ndarray] | None = None,
    ) -> None:
        if arrays is not None:
            labels, names, weights, transitions = arrays
            attrs = {a: i for i, a in enumerate(names)}
        else:
            labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
            index = {lab: i for i, lab in enumerate(labels)}
            attrs = {}
            for attr, _lab in info.state_features:
                attrs.setdefault(attr, len(attrs))
            weights = np.zeros((len(attrs) + 1, len(labels)))  # the last row: unknown ones
            for (attr, lab), w in info.state_features.items():
                weights[attrs[attr], index[lab]] = w
            transitions = np.zeros((len(labels), len(labels)))
            for (a, b), w in info.transitions.items():
                transitions[index[a], index[b]] = w
        self.labels = labels
        self.attrs = attrs
        self.weights = weights
        self.transitions = transitions
        self._folded: dict[str, _Folded] = {}

    def save(self, path: Path, model: Path) -> None:
        """Write the arrays, with the SHA-256 of the crfsuite model they were read from."""
        names = sorted(self.attrs, key=self.attrs.__getitem__)
        meta = {"labels": self.labels, "model_sha256": _sha256(model)}
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            transitions=self.transitions,
            attrs=np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        )

    @classmethod
    def load(cls, path: Path, model: Path) -> LinearChain | None:
        """The arrays saved for ``model``; None when absent or saved for another model."""
        if not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
            if meta.get("model_sha256") != _sha256(model):
                return None
            names = z["attrs"].tobytes().decode("utf-8").split("\n")
            arrays = (
                list(meta["labels"]),
                names,
                z["weights"].astype(np.float64),
                z["transitions"],
            )
        return cls(arrays=arrays)

    def folded(self, domain: str) -> _Folded:
        """The weights folded for tagging in ``domain`` (built once per process and domain)."""
        got = self._folded.get(domain)
        if got is None:
            got = self._folded[domain] = _Folded.of(self.attrs, self.weights, domain)
        return got

    def _word(self, features: FeatureSet, word: str, folded: _Folded) -> np.ndarray:
        got = folded.words.get(word)
        if got is None:
            if len(folded.words) > _MEMO_WORDS:
                folded.words.clear()
            got = folded.words[word] = folded.sum(word_features(word, features))
        return got

    def _extra(self, tag: str | None, hint: str, folded: _Folded) -> np.ndarray:
        """What a token's tag and rule hint contribute, to itself and to its neighbours."""
        key = (tag or "", hint)
        got = folded.extras.get(key)
        if got is None:
            mine = ([f"t={tag}"] if tag else []) + ([f"r={hint}"] if hint != "O" else [])
            got = folded.extras[key] = folded.sum(mine)
        return got

    def tag(
        self,
        features: FeatureSet,
        words: Sequence[str],
        pos: Sequence[str | None] | None,
        hints: Sequence[str] | None,
        domain: str,
    ) -> list[str]:
        return self.tag_many(features, [(words, pos, hints)], domain)[0]

    def tag_many(
        self,
        features: FeatureSet,
        sentences: Sequence[
            tuple[Sequence[str], Sequence[str | None] | None, Sequence[str] | None]
        ],
        domain: str,
    ) -> list[list[str]]:
        """:meth:`tag` for several sentences at once (an article's): the scores of all their
        tokens in a few array operations, then one Viterbi pass over all sentences together."""
        lengths = [len(ws) for ws, _, _ in sentences]
        if not sum(lengths):
            return [[] for _ in sentences]
        scores = self.scores(features, sentences, domain)
        labels = self.labels
        return [
            [labels[i] for i in path] for path in viterbi_many(scores, lengths, self.transitions)
        ]

    def scores(
        self,
        features: FeatureSet,
        sentences: Sequence[
            tuple[Sequence[str], Sequence[str | None] | None, Sequence[str] | None]
        ],
        domain: str,
    ) -> np.ndarray:
        """Each token's score for each label (tokens x labels), the sentences one after the
        other; transitions are not included."""
        folded = self.folded(domain)
        words: list[str] = []
        extras: list[np.ndarray] = []
        sid: list[int] = []
        lengths: list[int] = []
        for k, (ws, pos, hints) in enumerate(sentences):
            n = len(ws)
            lengths.append(n)
            words.extend(ws)
            sid.extend([k] * n)
            tags = pos if pos is not None else [None] * n
            marks = hints if hints is not None else ["O"] * n
            extras.extend(self._extra(t, h, folded) for t, h in zip(tags, marks, strict=True))
        total = len(words)
        if total == 0:
            return np.zeros((0, len(self.labels)))
        parts = np.stack([self._word(features, w, folded) for w in words]) + np.stack(extras)
        scores = parts[:, 0] + folded.bias
        sent = np.asarray(sid)
        for k, d in enumerate(_DISTANCES, start=1):
            # Token i gets what the token at i + d gives a neighbour at distance d, within its
            # own sentence.
            if d < 0 and total > -d:
                same = (sent[-d:] == sent[: total + d])[:, None]
                scores[-d:] += parts[: total + d, k] * same
            elif d > 0 and total > d:
                same = (sent[: total - d] == sent[d:])[:, None]
                scores[: total - d] += parts[d:, k] * same
        firsts = np.cumsum([0, *lengths[:-1]])
        scores[firsts[np.asarray(lengths) > 0]] += folded.bos
        if total > 1:
            lower = [w.lower() for w in words]
            pairs = [f"{lower[i]}|{lower[i + 1]}" for i in range(total - 1)]
            same = (sent[1:] == sent[:-1])[:, None]
            scores[1:] += folded.table[folded.ids([f"bg={p}" for p in pairs]), 0] * same
            scores[:-1] += folded.table[folded.ids([f"bg+={p}" for p in pairs]), 0] * same
        return scores


class _Folded:
    """A model's weights folded for one domain: per base feature (``w=berlin``, ``t=NE``),
    what it gives its own token and what it gives a neighbour at each distance, the shared
    and the domain's copies summed (see ``ner_features.in_domain``).

    A token's features are the base features of its word, tag and hint, those of its
    neighbours prefixed with their distance (``-1w=berlin``), and all of them again prefixed
    with the domain (``news:w=berlin``); the folded table turns the hundred or so lookups a
    token needed into one per base feature.
    """

    def __init__(self, index: dict[str, int], table: np.ndarray) -> None:
        self.index = index
        self.table = table  # (base features + 1, own and each distance, labels); last row 0
        unknown = np.zeros(table.shape[2])
        self.bias = table[index["b"], 0] if "b" in index else unknown
        self.bos = table[index["BOS"], 0] if "BOS" in index else unknown
        self.words: dict[str, np.ndarray] = {}
        self.extras: dict[tuple[str, str], np.ndarray] = {}

    @classmethod
    def of(cls, attrs: dict[str, int], weights: np.ndarray, domain: str) -> _Folded:
        prefix = domain + ":"
        distance = {str(d): k for k, d in enumerate(_DISTANCES, start=1)}
        index: dict[str, int] = {}
        rows: list[int] = []
        slots: list[int] = []
        sources: list[int] = []
        for attr, i in attrs.items():
            rest = attr[len(prefix) :] if attr.startswith(prefix) else attr
            if rest is attr:
                colon, eq = attr.find(":"), attr.find("=")
                if colon > 0 and (eq < 0 or colon < eq):
                    continue  # another domain's copy
            slot = 0
            # Base features start with a letter; a neighbour's carry its distance first.
            if rest[:1] == "-" or rest[:1].isdigit():
                cut = 2 if rest[:1] == "-" else 1
                slot = distance.get(rest[:cut], -1)
                rest = rest[cut:]
                if slot < 0 or rest[:2] not in NEAR:
                    continue
            rows.append(index.setdefault(rest, len(index)))
            slots.append(slot)
            sources.append(i)
        table = np.zeros((len(index) + 1, len(_DISTANCES) + 1, weights.shape[1]))
        np.add.at(
            table,
            (np.asarray(rows, dtype=np.intp), np.asarray(slots, dtype=np.intp)),
            weights[np.asarray(sources, dtype=np.intp)],
        )
        return cls(index, table)

    def ids(self, feats: Sequence[str]) -> list[int]:
        get, unknown = self.index.get, len(self.index)
        return [get(f, unknown) for f in feats]

    def sum(self, feats: Sequence[str]) -> np.ndarray:
        """What the base features ``feats`` give their token and its neighbours, summed."""
        if not feats:
            return np.zeros(self.table.shape[1:])
        return self.table[self.ids(feats)].sum(axis=0)


def viterbi(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best label sequence for per-token label scores and label-to-label transitions."""
    return viterbi_many(scores, [len(scores)], transitions)[0]


def viterbi_many(
    scores: np.ndarray, lengths: Sequence[int], transitions: np.ndarray
) -> list[list[int]]:
    """:func:`viterbi` for consecutive sequences of the given lengths in ``scores`` at once;
    sequences are padded to a common length in batches of similar ones, so a long article
    costs as many steps as its longest sentence, not as its tokens."""
    out: list[list[int]] = [[] for _ in lengths]
    starts = np.cumsum([0, *lengths[:-1]]).tolist()
    order = sorted((n, k) for k, n in enumerate(lengths) if n > 0)
    labels = transitions.shape[0]
    at = 0
    while at < len(order):
        # As many sentences as fit _VITERBI_CELLS padded positions, shortest first.
        top = at + 1
        while top < len(order) and order[top][0] * (top + 1 - at) <= _VITERBI_CELLS:
            top += 1
        batch = order[at:top]
        at = top
        width = batch[-1][0]
        lens = np.asarray([n for n, _ in batch])
        padded = np.zeros((len(batch), width, labels))
        for row, (n, k) in enumerate(batch):
            padded[row, :n] = scores[starts[k] : starts[k] + n]
        for row, path in enumerate(_viterbi_padded(padded, lens, transitions)):
            n, k = batch[row]
            out[k] = path[:n]
    return out


def _viterbi_padded(
    scores: np.ndarray, lengths: np.ndarray, transitions: np.ndarray
) -> list[list[int]]:
    rows, width, labels = scores.shape
    best = scores[:, 0].copy()
    back = np.zeros((rows, width, labels), dtype=np.int8)
    for i in range(1, width):
        cand = best[:, :, None] + transitions  # sequence x previous label x this label
        back[:, i] = cand.argmax(axis=1)
        live = (i < lengths)[:, None]
        best = np.where(live, cand.max(axis=1) + scores[:, i], best)
    cur = best.argmax(axis=1)
    paths = np.zeros((rows, width), dtype=np.intp)
    every = np.arange(rows)
    for i in range(width - 1, -1, -1):
        live = i < lengths
        paths[live, i] = cur[live]
        if i > 0:
            cur = np.where(live, back[every, i, cur], cur)
    return paths.tolist()


_WINDOWS_AT_ONCE = 256  # sentences tagged together: bounds the arrays of a very long text
_VITERBI_CELLS = 20_000  # padded positions per Viterbi batch (memory: ~9 bytes a label each)


_DISTANCES = (-2, -1, 1, 2)
_MEMO_WORDS = 200_000


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def default_tagger() -> CRFTagger:
    return CRFTagger()


def token_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of a BIO2 sequence, in order; a stray I- starts one."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("I-") and t[2:] == label and start >= 0:
            continue
        if start >= 0:
            out.append((start, i, label))
            start, label = -1, ""
        if t.startswith(("B-", "I-")):
            start, label = i, t[2:]
    return out


def bio_spans(tokens: list[Token], tags: list[str]) -> list[EntitySpan]:
    """Character spans of the entities in a BIO-tagged token sequence."""
    return [
        EntitySpan(tokens[s].start, tokens[e - 1].end, label)  # type: ignore[arg-type]
        for s, e, label in token_spans(tags)
    ]


def trim(tokens: list[Token], tags: list[str]) -> list[str]:
    """Entities without lower-case words at their edges ("für Gruvenau" -> "Gruvenau"), and
    none that runs over a clause (a finite verb inside: the model ran on). German names start
    and end with a capital, but for particles ("von der Leyen") and digits ("G20"). A person's
    name does not begin with the role before it ("Gewerkschaftschef Anton Berger" -> "Anton
    Berger"): the role is an apposition, which the labels read apart. A person span with a
    comma inside is two names."""
    out = list(tags)
    absorbed = 0  # spans before this token index were joined to a name with particles
    for s, e, label in token_spans(tags):
        if s < absorbed:
            continue
        if any(
            (tokens[k].pos or "").startswith("V") and (tokens[k].pos or "").endswith("(FIN)")
            for k in range(s, e)
        ):
            out[s:e] = ["O"] * (e - s)
            continue
        while s < e and (
            _loose_edge(tokens[s].text)
            or (label == "PER" and e - s > 1 and _role_word(tokens[s].text))
        ):
            out[s] = "O"
            s += 1
        while e > s and _loose_edge(tokens[e - 1].text):
            out[e - 1] = "O"
            e -= 1
        if s < e and label == "PER" and tokens[e - 1].text.lower() in NAME_PARTICLES:
            # A name never ends with a particle: "Van" of "Van der Bellen" runs on through the
            # particles to the capitalised word after them, or ends before the particle.
            f = e
            while f < len(tokens) and tokens[f].text in NAME_PARTICLES:
                f += 1
            if f < len(tokens) and tokens[f].text[:1].isupper() and out[f] in ("O", "B-PER"):
                out[e : f + 1] = ["I-PER"] * (f + 1 - e)
                while f + 1 < len(out) and out[f + 1] == "I-PER":
                    f += 1
                e = absorbed = f + 1
            elif e - s > 1:
                out[e - 1] = "O"
                e -= 1
        if s < e:
            out[s] = "B-" + label
        if label == "PER":
            # "Horvath, Gruber": a list of names, not one; no person's name holds a comma.
            for k in range(s + 1, e - 1):
                if tokens[k].text == ",":
                    out[k], out[k + 1] = "O", "B-PER"
    return out


def _role_word(word: str) -> bool:
    """A role noun or a compound ending in one ("Vizekanzler", "IGX-Chef"), or a form of
    address, not a given name."""
    return word in ADDRESS_GENDER or (role_head(word) is not None and word not in first_names())


def _loose_edge(word: str) -> bool:
    """A lower-case word that cannot end or begin a name: not a particle, nor a particle joined
    to a name by a hyphen ("al-Assad", "el-Sisi", "bin-Salman")."""
    head, _, rest = word.partition("-")
    return (
        word[:1].islower()
        and word not in NAME_PARTICLES
        and not (head in NAME_PARTICLES and rest[:1].isupper())
    )


def span_tags(tokens: list[Token], found: list[EntitySpan]) -> list[str]:
    """BIO tags of tokens from character spans; a span inside one token (the first part of a
    compound, "Kreml" in "Kreml-Berater") tags nothing."""
    tags = ["O"] * len(tokens)
    starts = {t.start: i for i, t in enumerate(tokens)}
    for s in found:
        i = starts.get(s.start)
        if i is None:
            continue
        j = i
        while j < len(tokens) and tokens[j].end <= s.end:
            j += 1
        if j == i or tokens[j - 1].end != s.end:
            continue
        tags[i] = "B-" + s.label
        tags[i + 1 : j] = ["I-" + s.label] * (j - i - 1)
    return tags


class TrainedNER:
    """The CRF, fed the rules' spans as features, then merged with them (module docstring)."""

    def __init__(self, tagger: CRFTagger | None = None, rules: NER | None = None) -> None:
        self._tagger = tagger
        self.rules: NER = rules if rules is not None else RuleNER()

    @property
    def tagger(self) -> CRFTagger:
        if self._tagger is None:
            self._tagger = default_tagger()
        return self._tagger

    def model_spans(
        self, article: Article, ruled: list[EntitySpan] | None = None
    ) -> list[EntitySpan]:
        """The CRF's spans, sentence by sentence (``ruled``: the rules' spans, as features).

        Only German sentences: the model learnt German capitalisation, where every noun is
        capitalised, and reads English or French sentences badly (on ECB+, English, story
        clustering lost a point of F1 when it tagged them). The rules handle those alone.
        """
        german = {
            i
            for i, s in enumerate(article.sentences)
            if (s.language or article.language or "de") == "de"
        }
        by_sent: dict[int, list[Token]] = {}
        for t in article.tokens:
            if t.sentence in german or not article.sentences:
                by_sent.setdefault(t.sentence, []).append(t)
        found: list[EntitySpan] = []
        rules = sorted(ruled or (), key=lambda r: r.start)
        rule_starts = [r.start for r in rules]
        windows: list[list[Token]] = []
        for sentence in by_sent.values():
            # A "sentence" of thousands of tokens is debris (an entity flood, a table dump);
            # the CRF's features for it would take gigabytes, so it is tagged in windows.
            windows.extend(
                sentence[w : w + MAX_SENTENCE] for w in range(0, len(sentence), MAX_SENTENCE)
            )
        for at in range(0, len(windows), _WINDOWS_AT_ONCE):
            batch = windows[at : at + _WINDOWS_AT_ONCE]
            inputs = []
            for toks in batch:
                inside = rules[
                    bisect.bisect_left(rule_starts, toks[0].start) : bisect.bisect_left(
                        rule_starts, toks[-1].end
                    )
                ]
                inputs.append(
                    ([t.text for t in toks], [t.pos for t in toks], span_tags(toks, inside))
                )
            for toks, tags in zip(batch, self.tagger.tag_many(inputs), strict=True):
                found.extend(bio_spans(toks, trim(toks, tags)))
        return found

    def __call__(self, article: Article) -> list[EntitySpan]:
        ruled = self.rules(article)
        return consistent(
            article.text, merge(self.model_spans(article, ruled), ruled, article.text)
        )


# How sure a rule span must be to take part in the merge (RuleNER's priorities: 1 a guess
# from context, 2 a short form of a name found, 3 a gazetteer entry or a role noun before a
# name, 4 and more the structure of a name or an organisation head). Calibrated by 5-fold
# cross-validation on GermEval (see ``merge``).
SURE = 2  # overrides the model's extent or label
FILL_PERSON = 2  # added where the model found nothing: persons
FILL_OTHER = 3  # the same for places and organisations
WIDER = 4  # replaces a shorter model span inside it


def merge(model: list[EntitySpan], rules: list[EntitySpan], text: str = "") -> list[EntitySpan]:
    """The model's spans, corrected by the rules' sure spans where those know better.

    - Where both found the same extent, the rule span (its label and canonical hint) is kept:
      its label comes from a gazetteer or the shape of a name ("Choe Son Hui", surname first).
    - A model span that covers two or more rule spans is split into them: the model runs
      adjacent names together ("Nordkorea Russland"), the rules know where each ends.
    - A rule span built from a place's or organisation's structure ("Staatsgästehaus
      Kumsusan", "nordkoreanisches Außenministerium") replaces the shorter model span inside it.
    - A rule person replaces the model span it covers when that span begins or ends with a
      name particle ("Alexander Van" or "Van" of "Alexander Van der Bellen"): the model stops
      at particles or reads a capitalised one as a place; the rules read names through them.
      (Needs ``text``.)
    - Where the model found nothing, the rules' persons (short forms of a name found earlier
      in the article, which a sentence-level model cannot know) and their gazetteer places and
      organisations are added ("NATO" in "NATO-Staaten", agency credits such as "dpa").

    On GermEval (5-fold cross-validation) the rules' guesses from context alone lost three
    points of F1 when they overrode the model, so they take no part. The gazetteer and
    structure rules cost a little there (see eval/ner_germeval.py: "model" against "pipeline"),
    mostly because GermEval does not count the first part of a compound ("NATO-Staaten") or
    an office ("Außenministerium") as an entity; a dossier needs both as actors.
    """
    sure = sorted((r for r in rules if r.confidence >= SURE), key=lambda r: r.start)
    starts = [r.start for r in sure]
    longest = max((r.end - r.start for r in sure), default=0)
    exact = {(r.start, r.end): r for r in sure}
    out: list[EntitySpan] = []
    for m in model:
        r = exact.get((m.start, m.end))
        # Only the rule spans near m can hold it or lie in it: found by bisection, so that a
        # long article does not compare every model span with every rule span.
        near = sure[
            bisect.bisect_left(starts, m.start - longest) : bisect.bisect_right(starts, m.end)
        ]
        inner = [x for x in near if m.start <= x.start and x.end <= m.end]
        # Not persons: the model finds a person's extent well (GermEval PER F1 .76), and the
        # rules' person spans can run on ("Konrad Wendtland zu Reportern", "zu" read as the
        # particle of "zu Guttenberg").
        wider = [
            x
            for x in near
            if x.confidence >= WIDER and x.label != "PER" and x.start <= m.start and m.end <= x.end
        ]
        through = [
            x
            for x in near
            if x.label == "PER"
            and x.start <= m.start
            and m.end <= x.end
            and (x.start, x.end) != (m.start, m.end)
            and _particle_edge(text[m.start : m.end])
        ]
        if r is not None:
            out.append(r)
        elif through:
            out.append(through[0])
        elif len(inner) >= 2:
            out.extend(inner)
        elif wider:
            out.append(wider[0])
        else:
            out.append(m)
    out = _distinct(out)
    held = Intervals((o.start, o.end) for o in out)
    for r in sure:
        need = FILL_PERSON if r.label == "PER" else FILL_OTHER
        if r.confidence >= need and not held.overlaps(r.start, r.end):
            out.append(r)
            held.add(r.start, r.end)
    return sorted(out, key=lambda s: s.start)


def _particle_edge(surface: str) -> bool:
    words = surface.split()
    return bool(words) and (
        words[0].lower() in NAME_PARTICLES or words[-1].lower() in NAME_PARTICLES
    )


def _distinct(spans: list[EntitySpan]) -> list[EntitySpan]:
    """Without repeats and overlaps (two model spans can be replaced by one wider rule span)."""
    out: list[EntitySpan] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not out or s.start >= out[-1].end:
            out.append(s)
    return out


def consistent(text: str, spans: list[EntitySpan]) -> list[EntitySpan]:
    """One label per name within an article: a name the model tagged as a place three times and
    as a person once ("Gruvenau") takes its most frequent label everywhere, a rule's sure label
    first. A news article does not use one name for two kinds of thing, and the entity id
    depends on the label, so a stray label would split one actor in two."""
    votes: dict[str, Counter[str]] = {}
    sure: dict[str, str] = {}
    for sp in spans:
        name = " ".join(text[sp.start : sp.end].split())
        votes.setdefault(name, Counter())[sp.label] += 1
        if sp.confidence >= SURE:
            sure.setdefault(name, sp.label)
    out: list[EntitySpan] = []
    for sp in spans:
        name = " ".join(text[sp.start : sp.end].split())
        label = sure.get(name) or votes[name].most_common(1)[0][0]
        out.append(sp if label == sp.label else replace(sp, label=label))  # type: ignore[arg-type]
    return out
