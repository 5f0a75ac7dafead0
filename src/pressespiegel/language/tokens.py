"""Tokens with offsets, tagged with STTS part of speech and lemma for German.

Two taggers give the same kind of tags. The default, ``fast``, is the averaged perceptron of
:mod:`.perceptron`, trained to say what HanTa says (:mod:`pressespiegel.tagtrain`; ten times
faster than HanTa, and on German news it agrees with HanTa on 96 % of the tags), stage
``tokens_fast``. ``hanta`` is HanTa itself (``--tagger hanta`` on the command line, stage
``tokens``), the reference the perceptron learnt from.

HanTa spends its time in two per-word computations that do not depend on the sentence: the
morphological analysis of a word form that is not in its lexicon (``analyze_forward``) and the
lemma of a (word, tag) pair (``_analyze``). Both are memoised per process here, so a word form is
analysed once however often it recurs; the sentence-level Viterbi search still runs on every
sentence, so tags and lemmas are exactly those of plain HanTa on the same token sequence.
Measured on gnad10k (1,028 German articles, 434k tokens, one core, CPU time): plain HanTa
2,800 tokens/s; memoised 4,350 tokens/s on the first pass (new word forms still cost about 3 ms
each in HanTa's morphological analysis) and 27,000 tokens/s once the forms have been seen.
"""

from __future__ import annotations

import atexit
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..cache import cache_dir
from ..model import Article, Token
from ..pipeline import DEFAULT_TAGGER
from ..registry import stage
from .perceptron import MODEL_FILE, PerceptronTagger
from .sentences import _ABBREV_AMBIGUOUS, _ABBREV_NEVER_FINAL
from .wordmemo import WordMemo, persisted

# A word may contain inner hyphens and apostrophes ("Kim Jong-un", "US-Soldaten", "geht's") and
# digits after its first letter ("G7", "A380"); a hyphen before "und"/"oder" marks a truncated
# compound ("Ein- und Ausfuhr") and stays on the word, as HanTa tags it TRUNC. Numbers
# keep their thousands separators and decimal commas ("45.000", "2,5", "19.06.2024") and a
# hyphenated suffix ("19-Jährige"). Dotted abbreviations ("z.B.", "U.S.") are one token.
TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*(?:-[^\W\d_][^\W_]*)*"  # numbers
    r"|(?:[^\W\d_]\.){2,}"  # z.B. / u.a. / U.S.
    r"|[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*(?:-(?=\s+(?:und|oder|bis|sowie|bzw\.)\s))?"  # words
    r"|\S"  # any other single non-space char: punctuation, quote marks
)

_ABBREVIATIONS = _ABBREV_NEVER_FINAL | _ABBREV_AMBIGUOUS

# HanTa's lexicon knows ASCII quotes and hyphens; typographic ones come out as FM or XY and
# disturb the tags around them. The tagger sees the ASCII form; the token keeps the original.
_TAGGER_FORM = str.maketrans(
    {
        "„": '"',
        "“": '"',
        "”": '"',
        "»": '"',
        "«": '"',
        "‚": "'",
        "‘": "'",
        "’": "'",
        "›": "'",
        "‹": "'",
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "…": "...",
        "\u00ad": "",
    }
)

# Memo size per table. After all of gnad10k the three tables hold 38k-57k entries and 78 MB, so
# 2^17 entries each stays under ~200 MB; past that the least recently used forms are dropped.
_MEMO_SIZE = 1 << 17


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets in ``text[start:end]`` (offsets into ``text``).

    A full stop that does not end the span is glued to the number or abbreviation before it
    ("19." in "am 19. Juni", "Dr." in "Dr. Kim"), as in the corpora HanTa was trained on: the
    sentence splitter has already decided that it does not end a sentence.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for m in TOKEN_RE.finditer(text, start, end):
        s, e = m.start(), m.end()
        if (
            text[s] == "."
            and e - s == 1
            and out
            and out[-1][1] == s
            and text[s + 1 : end].strip()
            and _takes_dot(text[out[-1][0] : s])
        ):
            out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out


def _takes_dot(word: str) -> bool:
    if word.isdigit():
        return len(word) <= 4  # ordinals and years in dates ("19.", "1.", "2024." is rare)
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # initials and "z. B."


MODEL_NAME = "morphmodel_ger.pgz"


def hanta_stamp() -> str:
    """HanTa's version and its model's size: what files derived from HanTa are named by."""
    from importlib.metadata import version

    import HanTa  # the package alone (half a millisecond), not its tagger

    size = (Path(HanTa.__file__).parent / MODEL_NAME).stat().st_size
    return f"{version('HanTa')}-{size}"


def hanta_memo_name() -> str:
    """The file of HanTa's persisted word analyses: its version and model in the name."""
    return f"hanta-{hanta_stamp()}.sqlite"


class _MemoTagger:
    """HanTa's HanoverTagger with its two per-word analyses memoised, in this process and in a
    file that later runs and other workers read (:mod:`.wordmemo`); the same results."""

    def __init__(self, memo: WordMemo | None = None) -> None:
        from HanTa import HanoverTagger

        tagger = HanoverTagger.HanoverTagger(MODEL_NAME)
        self.memo = memo if memo is not None else WordMemo(cache_dir() / hanta_memo_name())
        # Instance attributes shadow the methods HanTa calls internally.
        tagger.analyze_forward = lru_cache(maxsize=_MEMO_SIZE)(
            persisted(self.memo, "forward", tagger.analyze_forward)
        )
        tagger._tag_word = lru_cache(maxsize=_MEMO_SIZE)(tagger._tag_word)
        analyze = lru_cache(maxsize=_MEMO_SIZE)(persisted(self.memo, "analyze", tagger._analyze))

        def _analyze(word: str, pos: int, taglevel: int = 1) -> Any:
            # HanTa lowercases inside _analyze; lowercasing first lets "Die" and "die" share.
            return analyze(word.lower(), pos, taglevel)

        tagger._analyze = _analyze
        self.tagger = tagger

    def tag(self, words: list[str]) -> list[tuple[str, str]]:
        tagged = self.tagger.tag_sent(words, taglevel=1)
        return [(lemma, pos) for _word, lemma, pos in tagged]


@lru_cache(maxsize=1)
def _tagger() -> _MemoTagger:
    # Loaded once per process, on first use (about 0.3 s).
    tagger = _MemoTagger()
    atexit.register(tagger.memo.close)
    return tagger


#: HanTa's word analysis takes time quadratic in the word's length (a 2,000-character "word"
#: from a scrape takes 45 s), and its Viterbi fails on sentences of tens of thousands of tokens.
#: Longer words are tagged by their first letter and their end (a German compound's head is
#: its last part), and longer sentences in windows; real text never comes near either limit.
MAX_WORD = 48
MAX_SENTENCE = 400


def tagger_form(word: str) -> str:
    """The form the taggers see: typographic quotes and dashes as ASCII, very long words cut."""
    form = word.translate(_TAGGER_FORM) or word
    return form if len(form) <= MAX_WORD else form[0] + form[-(MAX_WORD - 1) :]


TAGGER_DIR = "tagger"


def tagger_model() -> Path:
    """The shipped perceptron model inside the installed package."""
    return Path(str(resources.files("pressespiegel").joinpath("data", TAGGER_DIR, MODEL_FILE)))


@lru_cache(maxsize=1)
def _perceptron() -> PerceptronTagger | None:
    # Loaded once per process, on first use (about half a second, HanTa's lexicon included);
    # without the model file (a checkout that has not run train-tagger) HanTa tags instead.
    path = tagger_model()
    return PerceptronTagger.load(path) if path.is_file() else None


def _finish(
    words: Sequence[str], forms: Sequence[str], tagged: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    # Punctuation keeps its own form as lemma ("„", not the ASCII stand-in), a shortened word
    # its whole self.
    return [
        (
            word
            if form != word and (len(word) > MAX_WORD or not any(c.isalnum() for c in word))
            else lemma,
            pos,
        )
        for word, form, (lemma, pos) in zip(words, forms, tagged, strict=True)
    ]


def hanta_tag_words(words: list[str]) -> list[tuple[str, str]]:
    """(lemma, STTS tag) for each word of one sentence, from HanTa."""
    if not words:
        return []
    forms = [tagger_form(w) for w in words]
    tagged = [
        pair
        for i in range(0, len(forms), MAX_SENTENCE)
        for pair in _tagger().tag(forms[i : i + MAX_SENTENCE])
    ]
    return _finish(words, forms, tagged)


def fast_tag_sentences(sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str]]]:
    """(lemma, STTS tag) for each word of each sentence, from the perceptron (HanTa when its
    model is not installed)."""
    model = _perceptron()
    if model is None:
        return [hanta_tag_words(list(words)) for words in sentences]
    forms = [[tagger_form(w) for w in words] for words in sentences]
    tagged = model.tag_many(forms)
    return [_finish(words, f, t) for words, f, t in zip(sentences, forms, tagged, strict=True)]


def tag_words(words: list[str], tagger: str = DEFAULT_TAGGER) -> list[tuple[str, str]]:
    """(lemma, STTS tag) for each word of one sentence, from ``tagger`` ("hanta" or "fast")."""
    if tagger == "fast":
        return fast_tag_sentences([words])[0]
    return hanta_tag_words(words)


def _tag_article(
    article: Article, tag: Callable[[Sequence[Sequence[str]]], list[list[tuple[str, str]]]]
) -> Article:
    text = article.text
    offsets = [tokenize(text, sent.start, sent.end) for sent in article.sentences]
    words = [[text[s:e] for s, e in offs] for offs in offsets]
    # Only German sentences are tagged: a German model on other languages gives noise, and an
    # English quotation inside a German article keeps pos/lemma None.
    german = [i for i, sent in enumerate(article.sentences) if sent.language in (None, "de")]
    tags = dict(zip(german, tag([words[i] for i in german]), strict=True))
    out: list[Token] = []
    for i, (offs, ws) in enumerate(zip(offsets, words, strict=True)):
        if i in tags:
            for (s, e), w, (lemma, pos) in zip(offs, ws, tags[i], strict=True):
                out.append(Token(s, e, w, pos=pos, lemma=lemma, sentence=i))
        else:
            out.extend(Token(s, e, w, sentence=i) for (s, e), w in zip(offs, ws, strict=True))
    article.tokens = out
    return article


@stage("tokens", requires=["sentences"], assigns=["tokens"])
def tokens_stage(article: Article) -> Article:
    """Tokens, tagged by HanTa (``--tagger hanta``)."""
    try:
        return _tag_article(article, lambda sents: [hanta_tag_words(list(w)) for w in sents])
    finally:
        if _tagger.cache_info().currsize:
            _tagger().memo.flush()  # this article's new words, for the next process


@stage("tokens_fast", requires=["sentences"], assigns=["tokens"])
def tokens_fast_stage(article: Article) -> Article:
    """Tokens, tagged by the fast perceptron (the default)."""
    return _tag_article(article, fast_tag_sentences)
