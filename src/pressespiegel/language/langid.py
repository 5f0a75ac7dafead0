"""Language identification: one ISO 639-1 code per article, and per sentence where it differs.

Two backends, each used where it is strongest (measured on /work/shared/data: 1,028 German
articles of gnad10k and 982 English ECB+ documents):

- ``pycld2`` (CLD2, about 6,000 articles/s and 65,000 sentences/s; 100 % right on whole articles,
  about 98 % on single sentences, with confident mistakes on name lists and sports results);
- ``lingua`` restricted to the languages below (about 2,000 sentences/s; 99.4-99.8 % on single
  sentences).

So CLD2 decides articles and proposes, for each sentence, a language other than the article's;
lingua confirms such a proposal, and a small function-word check rejects sentences that are
just names and numbers ("Jan Kowal (Polen) 19,75"). Short sentences keep the article
language: below ~4 words neither backend is reliable.

The whole sentences stage, splitting and per-sentence language, runs at about 900 gnad10k
articles/s on one core once lingua's models are loaded (a few seconds, on the first switch).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import Article
from ..registry import stage


def _words(text: str) -> frozenset[str]:
    """A word list written as space-separated text (easier to read and extend than a literal)."""
    return frozenset(text.split())


#: Languages lingua is built for: those a German-language press review meets in quotations and
#: untranslated copy. Restricting lingua keeps it fast and stops exotic guesses.
LINGUA_LANGUAGES: tuple[str, ...] = (
    "de",
    "en",
    "fr",
    "es",
    "it",
    "nl",
    "pl",
    "pt",
    "ru",
    "tr",
    "uk",
    "ar",
    "zh",
    "ja",
    "ko",
)

# A sentence shorter than this (letters) or with fewer words keeps the article language.
# Chosen on gnad10k/ECB+ sentences: below it CLD2's confident mistakes outnumber real switches.
MIN_LETTERS = 20
MIN_WORDS = 4
# lingua's confidence (0-1, over the languages above) needed to confirm a switch. Measured with
# the function-word check on: on gnad10k (22,934 German sentences) every sentence switched at 0.5
# is really foreign (17: English tweets and paper titles, one Spanish); of 6,848 ECB+ English
# sentences (4+ words) judged as part of a German article, 90 % are found at 0.5, 87 % at 0.7.
# The misses are datelines and fragments.
MIN_CONFIDENCE = 0.5

# Frequent function words, general knowledge of each language. A sentence is only given a
# language with a list here if it has more of that language's function words than of the
# article language's: names and numbers carry none.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": _words(
        "der die das und ist nicht ein eine zu den mit von sich des auf für im dem "
        "sie er es wir ich auch wird werden hat haben sind war wurde dass aus bei "
        "nach wie oder aber noch nur"
    ),
    "en": _words(
        "the a an and is are was were be been not of to in on for with that this "
        "it he she they we you i by from at as have has had will would but or which "
        "who what there their"
    ),
    "fr": _words(
        "le la les un une des et est sont pas de du dans pour avec que qui il elle "
        "nous vous ils ce cette sur au aux par ne"
    ),
    "es": _words(
        "el la los las un una y es son no de del en para con que por se su al como pero lo"
    ),
    "it": _words("il lo la gli le un una e è sono non di del della in per con che si al come ma"),
    "nl": _words(
        "de het een en is zijn niet van in op voor met dat die er ik we ze wordt naar ook maar"
    ),
    "pl": _words("i w na nie z się do że jest to jak po o co ale od za przez są był"),
    "pt": _words("o a os as um uma e é são não de do da em para com que por se ao como mas no na"),
}

_WORD_RE = re.compile(r"[^\W\d_]+")

# CLD2 codes that differ from ISO 639-1.
_CLD2_CODES = {"iw": "he", "jw": "jv", "zh-Hant": "zh", "tl": "tl"}


@lru_cache(maxsize=1)
def _lingua() -> Any:
    # Built once per process, on first use; lingua loads each language model lazily after that.
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in LINGUA_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _cld2(text: str) -> tuple[bool, list[tuple[str, int]]]:
    """(reliable, [(iso code, percent), ...]) from CLD2; ``(False, [])`` when it cannot read."""
    import pycld2

    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:
        # CLD2 rejects invalid UTF-8 (lone surrogates, some control characters): clean and retry.
        cleaned = text.encode("utf-8", "replace").decode("utf-8", "replace")
        cleaned = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in cleaned)
        try:
            reliable, _, details = pycld2.detect(cleaned)
        except pycld2.error:
            return False, []
    out = []
    for _name, code, percent, _score in details:
        if code == "un" or percent == 0:
            continue
        out.append((_CLD2_CODES.get(code, code.split("-")[0]), percent))
    return bool(reliable), out


def detect_language(text: str) -> str | None:
    """The language of a whole text (ISO 639-1), or None when there is nothing to tell."""
    if not _WORD_RE.search(text):
        return None
    reliable, langs = _cld2(text)
    if reliable and langs:
        return langs[0][0]
    # Short or mixed text: lingua is more accurate on little evidence.
    lang = _lingua().detect_language_of(text[:5000])
    if lang is not None:
        return str(lang.iso_code_639_1.name.lower())
    return langs[0][0] if langs else None


def sentence_language(sentence: str, article_language: str | None) -> str | None:
    """The sentence's language: the article's unless the sentence is clearly in another one."""
    if article_language is None:
        return None
    words = _WORD_RE.findall(sentence)
    if len(words) < MIN_WORDS or sum(len(w) for w in words) < MIN_LETTERS:
        return article_language
    reliable, langs = _cld2(sentence)
    if not reliable or not langs or langs[0][0] == article_language:
        return article_language
    candidate = langs[0][0]
    if candidate not in LINGUA_LANGUAGES:
        return article_language
    own = _FUNCTION_WORDS.get(article_language)
    theirs = _FUNCTION_WORDS.get(candidate)
    if theirs is not None:
        lower = [w.lower() for w in words]
        hits = sum(w in theirs for w in lower)
        own_hits = sum(w in own for w in lower) if own is not None else 0
        if hits == 0 or hits <= own_hits:
            return article_language
    confidence = _lingua().compute_language_confidence_values(sentence)
    top = confidence[0] if confidence else None
    if (
        top is None
        or top.language.iso_code_639_1.name.lower() != candidate
        or top.value < MIN_CONFIDENCE
    ):
        return article_language
    return candidate


@stage("language", requires=["body"], assigns=["language"])
def language_stage(article: Article) -> Article:
    # A language given by the caller (the CLI's --lang) wins; sentences may still differ.
    if article.language is None and article.body:
        article.language = detect_language(article.body_text())
    return article
