"""Date expressions, resolved against the publication date."""

from __future__ import annotations

from ..model import Article
from ..registry import stage


@stage("dates", requires=["sentences"], assigns=["dates"])
def dates_stage(article: Article) -> Article:
    return article  # STUB
