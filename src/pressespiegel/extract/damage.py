"""Translation and scrape damage."""

from __future__ import annotations

from ..model import Article
from ..registry import stage


@stage("damage", requires=["sentences", "tokens"], assigns=["damage"])
def damage_stage(article: Article) -> Article:
    return article  # STUB
