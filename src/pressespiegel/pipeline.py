"""The default per-article pipeline and the public entry points built on it."""

from __future__ import annotations

from functools import lru_cache

from .model import Article
from .registry import Pipeline

#: The per-article stages, in order.
DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "metadata",
    "placeholder",
    "language",
    "sentences",
    "tokens",
    "entities",
    "labels",
    "quotes",
    "figures",
    "dates",
    "damage",
)


def stage_names(*, clean: bool = True) -> list[str]:
    """The default stages; without cleaning the whole text is body and no metadata is guessed."""
    if clean:
        return list(DEFAULT_STAGES)
    return ["passthrough"] + [s for s in DEFAULT_STAGES if s not in ("clean", "metadata")]


@lru_cache(maxsize=4)
def default_pipeline(*, clean: bool = True) -> Pipeline:
    return Pipeline(stage_names(clean=clean))


def annotate(article: Article, *, clean: bool = True) -> Article:
    """Run the default pipeline on one article (errors are recorded on it, never raised)."""
    return default_pipeline(clean=clean)(article)


def analyze_text(
    text: str,
    *,
    id: str = "text",
    published: str | None = None,
    language: str | None = None,
    clean: bool = True,
    outlet: str | None = None,
    url: str | None = None,
) -> Article:
    """Annotate one text: the simplest way in. ``language`` forces the language (e.g. ``"de"``);
    ``outlet`` and ``url`` are kept unless the text names its outlet."""
    art = Article(id=id, text=text, published=published, language=language, outlet=outlet,
                  url=url)
    return annotate(art, clean=clean)
