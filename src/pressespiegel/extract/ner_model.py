"""The default German NER: a trained linear-chain CRF, with the rule-based NER beside it.

Why a CRF: it trains on these machines in minutes (two cores, no GPU), tags about 1,200
sentences a second in one process (rules included; ``bench/ner_bench.py``), and its weights are
about 4 MB. Transformer taggers score higher on GermEval but tag tens of sentences a second
on a laptop CPU, and no German one installs from the package index. The features are in
:mod:`.ner_features`; the training recipe and its measurements in :mod:`pressespiegel.nertrain`,
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
    TARGET_DOMAIN,
    FeatureSet,
    load_names,
    load_piece_classes,
    load_word_clusters,
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
        self.features = FeatureSet(load_piece_classes(folder / CLASSES_FILE),
                                   load_names(folder / NAMES_FILE),
                                   load_word_clusters(folder / CLUSTERS_FILE))
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

    def tag(self, words: list[str], pos: list[str | None] | None = None,
            hints: list[str] | None = None, domain: str = TARGET_DOMAIN) -> list[str]:
        """The CRF's best labels (as crfsuite's Viterbi gives them, computed here); ``domain``:
        whose conventions to follow, the target's or a training corpus's name."""
        if not words:
            return []
        return self.scorer.tag(self.features, words, pos, hints, domain)

    def tag_with_crfsuite(self, words: list[str], pos: list[str | None] | None = None,
                          hints: list[str] | None = None) -> list[str]:
        """The same labels from crfsuite itself (the reference :meth:`tag` is tested against)."""
        if not words:
            return []
        feats = self.features.domain_sentence(words, pos, hints, TARGET_DOMAIN)
        return list(self.crfsuite().tag(feats))


class LinearChain:
    """A trained crfsuite model's weights in NumPy, and its Viterbi decoding.

    crfsuite looks every feature string of every token up in its dictionary: with about a
    hundred features a token, that was most of the NER's time. Here what a word contributes
    (its own features and what it gives each neighbour, see ``FeatureSet.word_parts``) is
    summed into score vectors once per process and word, and a sentence is scored with a few
    array operations; the labels are those crfsuite gives (tested on real sentences).
    """

    def __init__(self, info: Any = None, *, arrays: tuple[list[str], list[str], np.ndarray,
                                                          np.ndarray] | None = None) -> None:
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
        self._memo: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._extras: dict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]] = {}

    def save(self, path: Path, model: Path) -> None:
        """Write the arrays, with the SHA-256 of the crfsuite model they were read from."""
        names = sorted(self.attrs, key=self.attrs.__getitem__)
        meta = {"labels": self.labels, "model_sha256": _sha256(model)}
        np.savez_compressed(
            path, weights=self.weights.astype(np.float32), transitions=self.transitions,
            attrs=np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8))

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
            arrays = (list(meta["labels"]), names, z["weights"].astype(np.float64),
                      z["transitions"])
        return cls(arrays=arrays)

    def _ids(self, feats: Sequence[str]) -> list[int]:
        get, unknown = self.attrs.get, len(self.attrs)
        return [get(f, unknown) for f in feats]

    def _word(self, features: FeatureSet, word: str, domain: str) -> tuple[np.ndarray,
                                                                           np.ndarray]:
        got = self._memo.get((domain, word))
        if got is None:
            if len(self._memo) > _MEMO_WORDS:
                self._memo.clear()
            part = features.word_parts(word, domain)
            w = self.weights
            own = w[self._ids(("b", domain + ":b", *part.own, *part.own_dom))].sum(axis=0)
            near = np.stack([w[self._ids((*a, *b))].sum(axis=0)
                             for a, b in zip(part.near, part.near_dom, strict=True)])
            got = self._memo[(domain, word)] = (own, near)
        return got

    def _extra(self, tag: str | None, hint: str, domain: str) -> tuple[np.ndarray, np.ndarray]:
        """What a token's tag and rule hint contribute, to itself and to its neighbours."""
        key = (domain, tag or "", hint)
        got = self._extras.get(key)
        if got is None:
            mine = ([f"t={tag}"] if tag else []) + ([f"r={hint}"] if hint != "O" else [])
            both = [*mine, *(f"{domain}:{f}" for f in mine)]
            w = self.weights
            own = w[self._ids(both)].sum(axis=0)
            near = np.stack([w[self._ids([f"{d}{f}" for f in mine]
                                         + [f"{domain}:{d}{f}" for f in mine])].sum(axis=0)
                             for d in _DISTANCES])
            got = self._extras[key] = (own, near)
        return got

    def tag(self, features: FeatureSet, words: Sequence[str], pos: Sequence[str | None] | None,
            hints: Sequence[str] | None, domain: str) -> list[str]:
        n = len(words)
        parts = [self._word(features, w, domain) for w in words]
        tags = pos if pos is not None else [None] * n
        marks = hints if hints is not None else ["O"] * n
        extras = [self._extra(t, h, domain) for t, h in zip(tags, marks, strict=True)]
        scores = np.stack([p[0] for p in parts]) + np.stack([x[0] for x in extras])
        near = np.stack([p[1] for p in parts]) + np.stack([x[1] for x in extras])
        for k, d in enumerate(_DISTANCES):
            # Token i gets what the token at i + d gives a neighbour at distance d.
            if d < 0 and n > -d:
                scores[-d:] += near[: n + d, k]
            elif d > 0 and n > d:
                scores[: n - d] += near[d:, k]
        prefix = domain + ":"
        scores[0] += self.weights[self._ids(("BOS", prefix + "BOS"))].sum(axis=0)
        if n > 1:
            lower = [w.lower() for w in words]
            pairs = [f"{lower[i]}|{lower[i + 1]}" for i in range(n - 1)]
            # "bg" on the second word of each pair, "bg+" on the first.
            after = self._ids([f"bg={p}" for p in pairs] + [f"{prefix}bg={p}" for p in pairs])
            before = self._ids([f"bg+={p}" for p in pairs] + [f"{prefix}bg+={p}" for p in pairs])
            w = self.weights
            m = n - 1
            scores[1:] += w[after[:m]] + w[after[m:]]
            scores[:-1] += w[before[:m]] + w[before[m:]]
        return [self.labels[k] for k in viterbi(scores, self.transitions)]


def viterbi(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best label sequence for per-token label scores and label-to-label transitions."""
    n = len(scores)
    best = scores[0].copy()
    back = np.zeros((n, scores.shape[1]), dtype=np.int64)
    for i in range(1, n):
        cand = best[:, None] + transitions  # previous label x this label
        back[i] = cand.argmax(axis=0)
        best = cand.max(axis=0) + scores[i]
    path = [int(best.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i][path[-1]]))
    return path[::-1]


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
    return [EntitySpan(tokens[s].start, tokens[e - 1].end, label)  # type: ignore[arg-type]
            for s, e, label in token_spans(tags)]


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
        if any((tokens[k].pos or "").startswith("V") and (tokens[k].pos or "").endswith("(FIN)")
               for k in range(s, e)):
            out[s:e] = ["O"] * (e - s)
            continue
        while s < e and (_loose_edge(tokens[s].text)
                         or (label == "PER" and e - s > 1 and _role_word(tokens[s].text))):
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
    return (word[:1].islower() and word not in NAME_PARTICLES
            and not (head in NAME_PARTICLES and rest[:1].isupper()))


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

    def model_spans(self, article: Article, ruled: list[EntitySpan] | None = None
                    ) -> list[EntitySpan]:
        """The CRF's spans, sentence by sentence (``ruled``: the rules' spans, as features).

        Only German sentences: the model learnt German capitalisation, where every noun is
        capitalised, and reads English or French sentences badly (on ECB+, English, story
        clustering lost a point of F1 when it tagged them). The rules handle those alone.
        """
        german = {i for i, s in enumerate(article.sentences)
                  if (s.language or article.language or "de") == "de"}
        by_sent: dict[int, list[Token]] = {}
        for t in article.tokens:
            if t.sentence in german or not article.sentences:
                by_sent.setdefault(t.sentence, []).append(t)
        found: list[EntitySpan] = []
        rules = sorted(ruled or (), key=lambda r: r.start)
        rule_starts = [r.start for r in rules]
        for sentence in by_sent.values():
            # A "sentence" of thousands of tokens is debris (an entity flood, a table dump);
            # the CRF's features for it would take gigabytes, so it is tagged in windows.
            for w in range(0, len(sentence), MAX_SENTENCE):
                toks = sentence[w : w + MAX_SENTENCE]
                inside = rules[bisect.bisect_left(rule_starts, toks[0].start)
                               : bisect.bisect_left(rule_starts, toks[-1].end)]
                tags = self.tagger.tag([t.text for t in toks], [t.pos for t in toks],
                                       span_tags(toks, inside))
                found.extend(bio_spans(toks, trim(toks, tags)))
        return found

    def __call__(self, article: Article) -> list[EntitySpan]:
        ruled = self.rules(article)
        return consistent(article.text, merge(self.model_spans(article, ruled), ruled,
                                              article.text))


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
        near = sure[bisect.bisect_left(starts, m.start - longest)
                    : bisect.bisect_right(starts, m.end)]
        inner = [x for x in near if m.start <= x.start and x.end <= m.end]
        # Not persons: the model finds a person's extent well (GermEval PER F1 .76), and the
        # rules' person spans can run on ("Konrad Wendtland zu Reportern", "zu" read as the
        # particle of "zu Guttenberg").
        wider = [x for x in near if x.confidence >= WIDER and x.label != "PER"
                 and x.start <= m.start and m.end <= x.end]
        through = [x for x in near if x.label == "PER" and x.start <= m.start
                   and m.end <= x.end and (x.start, x.end) != (m.start, m.end)
                   and _particle_edge(text[m.start:m.end])]
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
    return bool(words) and (words[0].lower() in NAME_PARTICLES
                            or words[-1].lower() in NAME_PARTICLES)


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
