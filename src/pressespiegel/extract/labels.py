"""Descriptors attached to actors ("der nordkoreanische Diktator Kim Jong-un")."""

from __future__ import annotations

from ..model import Article
from ..registry import stage


@stage("labels", requires=["entities"], assigns=["labels"])
def labels_stage(article: Article) -> Article:
    return article  # STUB
