"""Tokens with offsets, tagged with HanTa (STTS part of speech and lemma) for German."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import Article, Token
from ..registry import stage

# A word may contain inner hyphens, apostrophes and dots of abbreviations are separate tokens;
# numbers keep their thousands separators and decimal commas ("80.000", "2,5").
TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*"  # numbers: 80.000 / 2,5 / 19.06.2024
    r"|[^\W\d_]+(?:[-'’][^\W_]+)*"  # words, with inner hyphens/apostrophes: Kim Jong-un, US-Soldaten
    r"|\S",  # any other single non-space char: punctuation, quote marks
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets in ``text[start:end]`` (offsets into ``text``)."""
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


@lru_cache(maxsize=1)
def _tagger() -> Any:
    # Loaded once per process, on first use (about 0.2 s).
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def tag_words(words: list[str]) -> list[tuple[str, str]]:
    """(lemma, STTS tag) for each word of one sentence, from HanTa."""
    if not words:
        return []
    tagged = _tagger().tag_sent(words, taglevel=1)
    return [(lemma, pos) for _word, lemma, pos in tagged]


@stage("tokens", requires=["sentences"], assigns=["tokens"])
def tokens_stage(article: Article) -> Article:
    text = article.text
    out: list[Token] = []
    for i, sent in enumerate(article.sentences):
        offs = tokenize(text, sent.start, sent.end)
        words = [text[s:e] for s, e in offs]
        tags: list[tuple[str | None, str | None]]
        if sent.language in (None, "de"):
            tags = list(tag_words(words))
        else:
            tags = [(None, None)] * len(words)
        for (s, e), w, (lemma, pos) in zip(offs, words, tags, strict=True):
            out.append(Token(s, e, w, pos=pos, lemma=lemma, sentence=i))
    article.tokens = out
    return article
