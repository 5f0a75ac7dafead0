"""The pass-through cleaner for ``--no-clean``: the whole text is body."""

from __future__ import annotations

from ..model import Article, Span
from ..registry import stage


@stage("passthrough", requires=["text"], assigns=["body", "removed"])
def passthrough_stage(article: Article) -> Article:
    article.body = [Span(0, len(article.text))] if article.text else []
    article.removed = []
    return article
