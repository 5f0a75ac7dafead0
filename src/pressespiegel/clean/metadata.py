"""Title, outlet, publication date, dateline and credited agencies."""

from __future__ import annotations

from ..model import Article
from ..registry import stage


@stage("metadata", requires=["body", "removed"],
       assigns=["title", "outlet", "published", "dateline", "agencies"])
def metadata_stage(article: Article) -> Article:
    return article  # STUB
