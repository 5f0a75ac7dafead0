"""Helpers for the extract tests: a hand-written German text made into a tagged Article
without the cleaning stages, so that these tests only depend on the tokenizer and tagger."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from pressespiegel.language.tokens import tokens_stage
from pressespiegel.model import Article, Sentence, Span

# Sentence ends, except after the abbreviations the tests use.
_SENT_END = re.compile(
    r"(?<!Mrd\.)(?<!Mio\.)(?<!Nr\.)(?<!ca\.)(?<!\d\.)(?<=[.!?])\s+(?=[A-ZÄÖÜ„“\"])"
)


def tagged(text: str, *, published: str | None = None, language: str = "de") -> Article:
    """``text`` as one body line per line, split at sentence ends, tokenized and tagged."""
    art = Article(id="t", text=text, published=published, language=language)
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            art.body.append(Span(pos, pos + len(line)))
            start = pos
            for m in _SENT_END.finditer(line):
                art.sentences.append(Sentence(start, pos + m.start(), language))
                start = pos + m.end()
            art.sentences.append(Sentence(start, pos + len(line), language))
        pos += len(line) + 1
    return tokens_stage(art)


@pytest.fixture
def tag() -> Callable[..., Article]:
    """The :func:`tagged` helper, as a fixture (test modules cannot import conftest)."""
    return tagged
