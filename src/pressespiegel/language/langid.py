"""Language of the article."""

from __future__ import annotations

from ..model import Article
from ..registry import stage


@stage("language", requires=["body"], assigns=["language"])
def language_stage(article: Article) -> Article:
    article.language = article.language or "de"  # STUB
    return article
