"""What ingest yields: an Article, a Document still to extract, or a failure naming the input."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..model import Article, ArticleError
from .html import Document


@dataclass(slots=True)
class InputFailure:
    """An input that could not become an article: ``source`` names it (file, file:line)."""

    source: str
    error: InputError
    id: str | None = None

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def message(self) -> str:
        return str(self.error)

    def to_article(self) -> Article:
        """An empty Article carrying the error, so that JSON output keeps one line per input."""
        art = Article(id=self.id or self.source, text="", source=self.source)
        art.errors.append(ArticleError("ingest", self.code, self.message))
        return art


Item = Article | Document | InputFailure


__all__ = ["Document", "InputFailure", "Item"]
