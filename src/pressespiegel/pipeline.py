"""The default per-article pipeline and the public entry points built on it."""

from __future__ import annotations

from functools import lru_cache

from .model import Article
from .registry import Pipeline

#: The German taggers (:mod:`pressespiegel.language.tokens`): ``fast`` (the default, a perceptron
#: trained on HanTa's tags, about ten times faster than HanTa; the NER model is trained on its
#: tags) and ``hanta`` (HanTa itself, the reference the fast one learnt from); see docs/speed.md.
TAGGERS = ("hanta", "fast")
DEFAULT_TAGGER = "fast"

#: The per-article stages, in order.
DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "metadata",
    "placeholder",
    "language",
    "sentences",
    "tokens_fast",
    "entities",
    "labels",
    "quotes",
    "figures",
    "dates",
    "damage",
)


def stage_names(*, clean: bool = True, tagger: str = DEFAULT_TAGGER) -> list[str]:
    """The default stages; without cleaning the whole text is body and no metadata is guessed;
    ``tagger="hanta"`` tags German with HanTa instead of the fast perceptron."""
    names = list(DEFAULT_STAGES)
    if not clean:
        names = ["passthrough"] + [s for s in names if s not in ("clean", "metadata")]
    if tagger == "hanta":
        names = ["tokens" if s == "tokens_fast" else s for s in names]
    return names


@lru_cache(maxsize=8)
def default_pipeline(*, clean: bool = True, tagger: str = DEFAULT_TAGGER) -> Pipeline:
    return Pipeline(stage_names(clean=clean, tagger=tagger))


def annotate(article: Article, *, clean: bool = True, tagger: str = DEFAULT_TAGGER) -> Article:
    """Run the default pipeline on one article (errors are recorded on it, never raised)."""
    return default_pipeline(clean=clean, tagger=tagger)(article)


def analyze_text(
    text: str,
    *,
    id: str = "text",
    published: str | None = None,
    language: str | None = None,
    clean: bool = True,
    outlet: str | None = None,
    url: str | None = None,
    tagger: str = DEFAULT_TAGGER,
) -> Article:
    """Annotate one text: the simplest way in. ``language`` forces the language (e.g. ``"de"``);
    ``outlet`` and ``url`` are kept unless the text names its outlet; ``tagger``: "hanta" or
    "fast" (see :mod:`pressespiegel.language.tokens`)."""
    art = Article(id=id, text=text, published=published, language=language, outlet=outlet, url=url)
    return annotate(art, clean=clean, tagger=tagger)
