"""Run the per-article pipeline over many inputs: in order, optionally on several cores, with
the store skipping what it already holds. One bad input never stops the batch."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from .ingest import InputFailure, Item
from .model import Article
from .pipeline import annotate
from .store import Database

Status = Literal["annotated", "stored", "exists", "failed"]


@dataclass(slots=True)
class Outcome:
    """What happened to one input: ``failed`` inputs carry the error as an Article with errors."""

    article: Article
    status: Status

    @property
    def ok(self) -> bool:
        return self.status != "failed" and not self.article.errors


@dataclass(frozen=True, slots=True)
class Options:
    clean: bool = True
    language: str | None = None


def _annotate(job: tuple[Article, Options]) -> Article:
    article, options = job
    if options.language:
        article.language = options.language
    return annotate(article, clean=options.clean)


def process(
    items: Iterable[Item],
    *,
    options: Options = Options(),
    jobs: int = 1,
    db: Database | None = None,
) -> Iterator[Outcome]:
    """Annotate each article (and store it when ``db`` is given), yielding outcomes in input order.

    Inputs whose text the store already holds are not annotated again (status ``exists``).
    """

    def todo() -> Iterator[tuple[Item, bool]]:
        for item in items:
            skip = isinstance(item, Article) and db is not None and db.has(item.text)
            yield item, skip

    if jobs <= 1:
        for item, skip in todo():
            yield _finish(item, skip, options, db, None)
        return
    # Workers annotate chunk by chunk; this process reads inputs and is the only store writer.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs) as pool:
        for chunk in _chunks(todo(), CHUNK):
            work = [(it, options) for it, skip in chunk if isinstance(it, Article) and not skip]
            done = iter(pool.map(_annotate, work, chunksize=max(1, len(work) // (jobs * 2))))
            for item, skip in chunk:
                ready = next(done) if isinstance(item, Article) and not skip else None
                yield _finish(item, skip, options, db, ready)


#: Inputs handed to the workers at a time: enough to keep every core busy, few enough that
#: memory stays flat and progress moves.
CHUNK = 64


def _chunks(pairs: Iterator[tuple[Item, bool]], size: int) -> Iterator[list[tuple[Item, bool]]]:
    chunk: list[tuple[Item, bool]] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _finish(item: Item, skip: bool, options: Options, db: Database | None,
            annotated: Article | None) -> Outcome:
    if isinstance(item, InputFailure):
        if db is not None:
            db.add_error(item.source, "ingest", item.code, item.message, item.id)
        return Outcome(item.to_article(), "failed")
    if skip:
        return Outcome(item, "exists")
    article = annotated if annotated is not None else _annotate((item, options))
    if db is None:
        return Outcome(article, "annotated")
    stored = db.add_article(article)
    return Outcome(article, "stored" if stored else "exists")
