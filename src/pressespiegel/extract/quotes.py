"""Quotations with speaker, cue and channel."""

from __future__ import annotations

from ..model import Article
from ..registry import stage


@stage("quotes", requires=["sentences", "tokens", "entities"], assigns=["quotes"])
def quotes_stage(article: Article) -> Article:
    return article  # STUB
