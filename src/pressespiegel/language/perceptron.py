"""A fast German tagger: an averaged perceptron over word-shape, suffix and context features.

HanTa (the reference, :mod:`.tokens`) is a pure-Python HMM over a morphological analysis; at
about 4,000 tokens a second it was four fifths of the time of ``extract``. This tagger is taught
to say what HanTa says (:mod:`pressespiegel.tagtrain`): STTS tags from an averaged perceptron
(Collins 2002; greedy left to right, as in Honnibal's "A good part-of-speech tagger in about 200
lines of Python"), lemmas from a table of HanTa's lemmas with suffix-edit rules learned from the
same table for word forms never seen.

Features of a word: its form, lower-cased form, suffixes of one to four letters, first letter,
shape (capitalised, digits, hyphen, at the sentence start), the two words either side and their
suffixes; and the two tags before it. The sentence-level work is vectorised: the static features
of all words are scored with one sparse product, and only the tags before a word are added in
the left-to-right loop.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_FILE = "tagger_de.npz"
Tagged = tuple[list[str], list[str], list[str]]  # words, STTS tags, lemmas

_START, _END = "<s>", "</s>"
_MAX_SUFFIX = 5  # longest suffix a lemma rule is keyed by
_MEMO_WORDS = 200_000  # word forms remembered before the memo starts over
N_FEATURES = 19  # static features per word (the length of each list static_features gives)


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not word.isalpha():
        if any(c.isdigit() for c in word):
            return "dx"
        if not any(c.isalpha() for c in word):
            return "p"
    if word.isupper() and len(word) > 1:
        return "U"
    if word[:1].isupper():
        return "C-" if "-" in word else "C"
    return "l-" if "-" in word else "l"


def hanta_lexicon(margin: float = 4.0) -> dict[str, str]:
    """HanTa's lexicon as ambiguity classes: each lower-cased word form it knows, with the tags
    whose log-probability is within ``margin`` of the word's best, joined by "|".

    Kept in the per-user cache (:mod:`pressespiegel.cache`), named by HanTa's version and model,
    so that a process reads 23,000 entries instead of loading HanTa (half a second)."""
    from ..cache import cached_bytes
    from .tokens import hanta_stamp

    name = f"hanta-lexicon-{hanta_stamp()}-{margin:g}.json"
    blob = cached_bytes(
        name,
        lambda: json.dumps(_hanta_lexicon(margin)).encode("utf-8"),
        valid=lambda b: b[:1] == b"{" and b[-1:] == b"}",
    )
    loaded: dict[str, str] = json.loads(blob)
    return loaded


def _hanta_lexicon(margin: float) -> dict[str, str]:
    from HanTa import HanoverTagger

    from .tokens import MODEL_NAME

    tagger = HanoverTagger.HanoverTagger(MODEL_NAME)
    names = tagger.int2tag
    out: dict[str, str] = {}
    for word, analyses in tagger.cache.items():
        if not analyses:
            continue
        best = max(lp for _, lp in analyses)
        out[word] = "|".join(sorted({names[t] for t, lp in analyses if lp >= best - margin}))
    return out


@lru_cache(maxsize=1 << 16)
def _dictionary_lemma(word: str) -> str:
    from .dictionary import lemmatize

    return lemmatize(word, "de")


def _head_class(lw: str, lexicon: Mapping[str, str]) -> str:
    """For a word the lexicon does not know, the class of its longest known ending: a German
    compound takes the part of speech of its last part ("Balkanroute" ends in "route")."""
    if not lexicon or lw in lexicon or len(lw) < 6:
        return "-"
    for k in range(3, len(lw) - 3):
        found = lexicon.get(lw[k:])
        if found is not None:
            return found
    return "?"


def _next_case(words: Sequence[str], i: int) -> str:
    if i + 1 >= len(words):
        return "$"
    return "C" if words[i + 1][:1].isupper() else "l"


def _word_features(w: str, lw: str, first: bool) -> tuple[str, ...]:
    """The features a word gives itself from its own letters (``lw``: lower-cased)."""
    return (
        "b",
        "w=" + w,
        "l=" + lw,
        "s1=" + lw[-1:],
        "s2=" + lw[-2:],
        "s3=" + lw[-3:],
        "s4=" + lw[-4:],
        "f=" + w[:1],
        "h=" + _shape(w) + ("^" if first else ""),
    )


def static_features(
    words: Sequence[str], lexicon: Mapping[str, str] | None = None
) -> list[list[str]]:
    """The features of each word that do not depend on the tags chosen before it; ``lexicon``
    maps a lower-cased word to the tags a dictionary allows it (see :func:`hanta_lexicon`)."""
    lexicon = lexicon or {}
    lower = [w.lower() for w in words]
    ctx = [_START, _START, *lower, _END, _END]
    out: list[list[str]] = []
    for i, w in enumerate(words):
        lw = lower[i]
        j = i + 2
        out.append(
            [
                *_word_features(w, lw, i == 0),
                "w-1=" + ctx[j - 1],
                "w-2=" + ctx[j - 2],
                "w+1=" + ctx[j + 1],
                "w+2=" + ctx[j + 2],
                "s-1=" + ctx[j - 1][-3:],
                "s+1=" + ctx[j + 1][-3:],
                "c+1=" + _next_case(words, i),
                "x=" + lexicon.get(lw, "?"),
                "x+1=" + lexicon.get(ctx[j + 1], "?"),
                "hd=" + _head_class(lw, lexicon),
            ]
        )
    return out


class PerceptronTagger:
    """STTS tags and lemmas, trained to agree with HanTa (load with :meth:`load`)."""

    def __init__(
        self,
        tags: list[str],
        features: list[str],
        weights: Any,
        prev1: np.ndarray,
        prev2: np.ndarray,
        lemmas: dict[str, str],
        rules: dict[str, str],
        lexicon: Mapping[str, str] | None = None,
    ) -> None:
        self.tags = tags
        self.lexicon = lexicon  # lower-cased word -> ambiguity class (hanta_lexicon)
        self.index = {f: i for i, f in enumerate(features)}
        self.weights = weights  # scipy CSR, features x tags
        self.prev1 = prev1  # (tags + 1) x tags: tag before (the last row: sentence start)
        self.prev2 = prev2  # (tags + 1)^2 x tags: the two tags before
        self.lemmas = lemmas  # "form\ttag" -> lemma
        self.rules = rules  # "tag\tsuffix" (or "tag\t") -> edit "case\tstrip\tappend"
        self._own: dict[tuple[str, bool], tuple[int, ...]] = {}
        self._ctx: dict[str, tuple[int, ...]] = {}
        self._boundary = (self._context_ids(_START), self._context_ids(_END))
        self._next_case_ids = {c: self.index.get("c+1=" + c, -1) for c in ("C", "l", "$")}
        n = len(tags) + 1
        # The score the two tags before add, by (tag before that, tag before).
        self.history = prev2.reshape(n, n, len(tags)) + prev1[np.newaxis, :, :]

    # -- tagging ---------------------------------------------------------------------------------
    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str]]]:
        """(lemma, STTS tag) for each word of each sentence (one sparse product for all)."""
        tags = self.tag_tags_many(sentences)
        return [
            [(self.lemma(w, t), t) for w, t in zip(words, ts, strict=True)]
            for words, ts in zip(sentences, tags, strict=True)
        ]

    def tag(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """(lemma, STTS tag) for each word of one sentence."""
        return self.tag_many([words])[0]

    def tag_tags_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        n_words = sum(len(s) for s in sentences)
        if not n_words:
            return [[] for _ in sentences]
        from scipy import sparse

        ids = self.feature_ids(sentences).ravel()
        known = ids >= 0
        rows = np.repeat(np.arange(n_words), N_FEATURES)[known]
        x = sparse.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, ids[known])), shape=(n_words, len(self.index))
        )
        scores = (x @ self.weights).toarray()
        history = self.history
        names = self.tags
        start = len(names)
        out: list[list[str]] = []
        row = 0
        for words in sentences:
            t1 = t2 = start
            tagged: list[str] = []
            for _ in words:
                best = int((scores[row] + history[t2, t1]).argmax())
                tagged.append(names[best])
                t2, t1 = t1, best
                row += 1
            out.append(tagged)
        return out

    def feature_ids(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """The row of each of :func:`static_features` per word (-1: not a known feature), in
        one (words x N_FEATURES) array; what only depends on a word is looked up once per
        process and word (the same features, property-tested against static_features)."""
        own_memo, ctx_memo = self._own, self._ctx
        if len(own_memo) > _MEMO_WORDS:
            own_memo.clear()
            ctx_memo.clear()
        rows: list[list[int]] = []
        start, end = self._boundary
        for words in sentences:
            ctx: list[tuple[int, ...]] = [start, start]
            for w in words:
                lw = w.lower()
                got = ctx_memo.get(lw)
                if got is None:
                    got = ctx_memo[lw] = self._context_ids(lw)
                ctx.append(got)
            ctx += [end, end]
            for i, w in enumerate(words):
                key = (w, i == 0)
                own = own_memo.get(key)
                if own is None:
                    own = own_memo[key] = self._own_ids(w, i == 0)
                j = i + 2
                before, after = ctx[j - 1], ctx[j + 1]
                rows.append(
                    [
                        *own,
                        before[0],
                        ctx[j - 2][1],
                        after[2],
                        ctx[j + 2][3],
                        before[4],
                        after[5],
                        after[6],
                        self._next_case_ids[_next_case(words, i)],
                    ]
                )
        return np.array(rows, dtype=np.int64).reshape(-1, N_FEATURES)

    def _own_ids(self, w: str, first: bool) -> tuple[int, ...]:
        get, lexicon, lw = self.index.get, self.lexicon or {}, w.lower()
        feats = (
            *_word_features(w, lw, first),
            "x=" + lexicon.get(lw, "?"),
            "hd=" + _head_class(lw, lexicon),
        )
        return tuple(get(f, -1) for f in feats)

    def _context_ids(self, lw: str) -> tuple[int, ...]:
        """What a word gives the features of its neighbours: as the word before (w-1), two
        before (w-2), after (w+1), two after (w+2), its suffix before and after, its class."""
        get, lexicon = self.index.get, self.lexicon or {}
        feats = (
            "w-1=" + lw,
            "w-2=" + lw,
            "w+1=" + lw,
            "w+2=" + lw,
            "s-1=" + lw[-3:],
            "s+1=" + lw[-3:],
            "x+1=" + lexicon.get(lw, "?"),
        )
        return tuple(get(f, -1) for f in feats)

    def lemma(self, word: str, tag: str) -> str:
        found = self.lemmas.get(word + "\t" + tag)
        if found is None:
            found = self.lemmas.get(word.lower() + "\t" + tag)
        if found is not None:
            return found
        if tag.startswith("V"):
            # Unseen verb forms are often strong ("berieten"), which no suffix edit undoes; a
            # dictionary knows them (on 10kGNAD's unseen forms: 0.765 -> 0.785 as HanTa says).
            known = _dictionary_lemma(word)
            if known != word:
                return known
        lw = word.lower()
        for k in range(min(_MAX_SUFFIX, len(lw) - 1), 0, -1):
            edit = self.rules.get(tag + "\t" + lw[-k:])
            if edit is not None:
                return apply_edit(word, edit)
        edit = self.rules.get(tag + "\t")
        return apply_edit(word, edit) if edit is not None else word

    # -- storage ---------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        w = self.weights
        meta = {
            "tags": self.tags,
            "lemmas": self.lemmas,
            "rules": self.rules,
            "lexicon": "hanta" if self.lexicon is not None else None,
        }
        feats = "\n".join(sorted(self.index, key=self.index.__getitem__))
        np.savez_compressed(
            path,
            data=w.data.astype(np.float16),
            indices=w.indices.astype(np.int16),
            indptr=w.indptr.astype(np.int32),
            prev1=self.prev1.astype(np.float32),
            prev2=self.prev2.astype(np.float32),
            features=np.frombuffer(feats.encode("utf-8"), dtype=np.uint8),
            meta=np.frombuffer(
                json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8
            ),
        )

    @classmethod
    def load(cls, path: Path) -> PerceptronTagger:
        from scipy import sparse

        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
            features = z["features"].tobytes().decode("utf-8").split("\n")
            tags = meta["tags"]
            weights = sparse.csr_matrix(
                (z["data"].astype(np.float32), z["indices"].astype(np.int32), z["indptr"]),
                shape=(len(features), len(tags)),
            )
            prev1, prev2 = z["prev1"], z["prev2"]
        lexicon = hanta_lexicon() if meta.get("lexicon") == "hanta" else None
        return cls(tags, features, weights, prev1, prev2, meta["lemmas"], meta["rules"], lexicon)


# -- lemma edits ---------------------------------------------------------------------------
def lemma_edit(word: str, lemma: str) -> str:
    """How ``lemma`` is made from ``word``: first-letter case, letters cut from the end, added."""
    if not word or not lemma:
        return "k\t0\t" + lemma
    if lemma[:1] == word[:1]:
        case, rest = "k", lemma
    elif lemma[:1] == word[:1].lower():
        case, rest = "l", word[:1] + lemma[1:]
    elif lemma[:1] == word[:1].upper():
        case, rest = "u", word[:1] + lemma[1:]
    else:
        return "k\t" + str(len(word)) + "\t" + lemma
    p = 0
    while p < min(len(word), len(rest)) and word[p] == rest[p]:
        p += 1
    return f"{case}\t{len(word) - p}\t{rest[p:]}"


def apply_edit(word: str, edit: str) -> str:
    case, strip, add = edit.split("\t", 2)
    n = int(strip)
    base = (word[: len(word) - n] if n else word) + add
    if case == "l":
        return base[:1].lower() + base[1:]
    if case == "u":
        return base[:1].upper() + base[1:]
    return base


def build_lemmas(
    tagged: Iterable[Tagged], min_rule: int = 3
) -> tuple[dict[str, str], dict[str, str]]:
    """The lemma table (most frequent HanTa lemma per form and tag) and the suffix rules: per
    tag and word ending, the edit most of the table's words with that ending take."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for words, tags, lemmas in tagged:
        for w, t, lem in zip(words, tags, lemmas, strict=True):
            seen[w + "\t" + t][lem] += 1
    table = {k: c.most_common(1)[0][0] for k, c in seen.items()}
    by_suffix: dict[str, Counter[str]] = defaultdict(Counter)
    for key, lem in table.items():
        w, t = key.split("\t")
        edit = lemma_edit(w, lem)
        lw = w.lower()
        by_suffix[t + "\t"][edit] += 1
        for k in range(1, min(_MAX_SUFFIX, len(lw) - 1) + 1):
            by_suffix[t + "\t" + lw[-k:]][edit] += 1
    rules: dict[str, str] = {}
    for key, c in by_suffix.items():
        edit, n = c.most_common(1)[0]
        if sum(c.values()) >= min_rule and n * 2 > sum(c.values()):
            rules[key] = edit
    # A rule that says what its shorter suffix says anyway is redundant.
    for key in sorted(rules, key=len, reverse=True):
        t, suf = key.split("\t")
        if suf and rules.get(t + "\t" + suf[1:]) == rules[key]:
            del rules[key]
    return table, rules


# -- training ------------------------------------------------------------------------------
def train_perceptron(
    tagged: Sequence[Tagged],
    path: Path,
    *,
    epochs: int = 6,
    seed: int = 7,
    min_count: int = 2,
    lexicon: Mapping[str, str] | None = None,
    log: Callable[[str], None] = print,
) -> PerceptronTagger:
    """Train on (words, tags, lemmas) sentences and save the tagger to ``path``."""
    from scipy import sparse

    t0 = time.perf_counter()
    tags = sorted({t for _, ts, _ in tagged for t in ts})
    tag_id = {t: i for i, t in enumerate(tags)}
    n_tags = len(tags)
    counts: Counter[str] = Counter()
    sent_feats = [static_features(w, lexicon) for w, _, _ in tagged]
    for feats in sent_feats:
        for fs in feats:
            counts.update(fs)
    features = [f for f, c in counts.items() if c >= min_count]
    index = {f: i for i, f in enumerate(features)}
    ids = [
        [np.array([index[f] for f in fs if f in index], dtype=np.int64) for fs in feats]
        for feats in sent_feats
    ]
    gold = [np.array([tag_id[t] for t in ts], dtype=np.int64) for _, ts, _ in tagged]
    del sent_feats

    n_prev1, n_prev2 = n_tags + 1, (n_tags + 1) ** 2
    # One weight table: static features, then the tag before, then the two tags before; each
    # with its running total and the step it was last changed at (the averaging trick).
    size = len(features) + n_prev1 + n_prev2
    w = np.zeros((size, n_tags))
    total = np.zeros((size, n_tags))
    stamp = np.zeros((size, n_tags))
    base1, base2 = len(features), len(features) + n_prev1
    rng = np.random.default_rng(seed)
    step = 0

    def update(rows: np.ndarray, cls: int, delta: float) -> None:
        total[rows, cls] += (step - stamp[rows, cls]) * w[rows, cls]
        stamp[rows, cls] = step
        w[rows, cls] += delta

    for epoch in range(epochs):
        right = seen = 0
        for s in rng.permutation(len(ids)):
            t1 = t2 = n_tags
            for i, feat in enumerate(ids[s]):
                step += 1
                rows = np.append(feat, [base1 + t1, base2 + t2 * n_prev1 + t1])
                guess = int(np.argmax(w[rows].sum(axis=0)))
                truth = int(gold[s][i])
                if guess != truth:
                    update(rows, truth, 1.0)
                    update(rows, guess, -1.0)
                else:
                    right += 1
                seen += 1
                # The tags before are the tagger's own guesses, as when it tags (Honnibal).
                t2, t1 = t1, guess
        log(
            f"epoch {epoch + 1}: {right / max(seen, 1):.4f} of {seen} tokens right "
            f"({time.perf_counter() - t0:.0f} s)"
        )
    total += (step - stamp) * w
    avg = total / max(step, 1)
    avg[np.abs(avg) < 1e-3] = 0.0
    static = sparse.csr_matrix(avg[:base1].astype(np.float32))
    table, rules = build_lemmas(tagged)
    tagger = PerceptronTagger(
        tags,
        features,
        static,
        avg[base1:base2].astype(np.float32),
        avg[base2:].astype(np.float32),
        table,
        rules,
        lexicon,
    )
    tagger.save(path)
    log(
        f"saved {path} ({path.stat().st_size / 1e6:.1f} MB, {static.nnz} weights, "
        f"{len(table)} lemma entries, {len(rules)} suffix rules)"
    )
    return tagger
