"""Sentence splitting, with a language per sentence."""

from __future__ import annotations

import re

from ..model import Article, Sentence
from ..registry import stage


@stage("sentences", requires=["body", "language"], assigns=["sentences"])
def sentences_stage(article: Article) -> Article:
    out = []
    for span in article.body:  # STUB
        for m in re.finditer(r"[^.!?\n]+[.!?]*", article.text[span.start:span.end]):
            if m.group().strip():
                out.append(Sentence(span.start + m.start(), span.start + m.end(), article.language))
    article.sentences = out
    return article
