"""Stage registry and the pipeline that runs registered stages in a checked order.

A stage is a small function ``Article -> Article`` in its own module, registered with::

    @stage("sentences", requires=["body", "language"], assigns=["sentences", "tokens"])
    def split(article: Article) -> Article: ...

``requires`` and ``assigns`` name Article fields (or capabilities such as ``body``). The pipeline
checks before a run that each requirement is assigned by an earlier stage or given by ingest.
A stage that raises records an error on the article; stages that need what it failed to assign
are skipped with their own record; the article (and the batch) goes on.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .errors import E, PipelineError
from .model import Article, ArticleError

StageFunc = Callable[[Article], Article]

#: What ingest provides before any stage runs (a field may be empty: an HTML page gives its title,
#: a plain text none, and the metadata stage reads them from the text).
INGEST_PROVIDES = ("text", "id", "source", "url", "published", "outlet", "title")


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_REGISTRY: dict[str, StageInfo] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name``."""

    def register(func: StageFunc) -> StageFunc:
        existing = _REGISTRY.get(name)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise PipelineError(E.DUPLICATE_STAGE, stage=name)
        _REGISTRY[name] = StageInfo(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def get_stage(name: str) -> StageInfo:
    _load_builtin_stages()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise PipelineError(E.UNKNOWN_STAGE, stage=name, known=known) from None


def registered() -> dict[str, StageInfo]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the stage modules registers them; done on first use, not at package import.
    from . import stages  # noqa: F401


class Pipeline:
    """An ordered list of stages, checked on construction."""

    def __init__(self, names: Sequence[str], provided: Iterable[str] = INGEST_PROVIDES) -> None:
        self.stages = [get_stage(n) for n in names]
        have = set(provided)
        for info in self.stages:
            missing = [r for r in info.requires if r not in have]
            if missing:
                raise PipelineError(E.STAGE_ORDER, stage=info.name, missing=", ".join(missing))
            have.update(info.assigns)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Article:
        failed: set[str] = set()
        for info in self.stages:
            missing = [r for r in info.requires if r in failed]
            if missing:
                article.errors.append(
                    ArticleError(
                        info.name,
                        E.STAGE_SKIPPED.code,
                        E.STAGE_SKIPPED.format(stage=info.name, missing=", ".join(missing)),
                    )
                )
                failed.update(info.assigns)
                continue
            try:
                article = info.func(article)
            except Exception as exc:  # one stage failing must not stop the article or batch
                failed.update(info.assigns)
                where = traceback.extract_tb(exc.__traceback__)[-1]
                why = (
                    f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:"
                    f"{where.lineno})"
                )
                article.errors.append(
                    ArticleError(
                        info.name,
                        E.STAGE_FAILED.code,
                        E.STAGE_FAILED.format(stage=info.name, why=why),
                    )
                )
                continue
            article.done.append(info.name)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterable[Article]:
        for art in articles:
            yield self(art)
