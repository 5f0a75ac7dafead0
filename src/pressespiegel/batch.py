"""Run the per-article pipeline over many inputs: in order, optionally on several cores, with
the store skipping what it already holds. One bad input never stops the batch."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from .errors import InputError
from .ingest import DEFAULT_MAX_BYTES, Document, InputFailure, Item
from .language import DEFAULT_TAGGER
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
    max_bytes: int = DEFAULT_MAX_BYTES
    tagger: str = DEFAULT_TAGGER


def _annotate(job: tuple[Article | Document, Options]) -> Article | InputFailure:
    item, options = job
    if isinstance(item, Document):
        # Extraction runs here, in the worker: it is the most expensive step of ingest.
        try:
            article = item.to_article(options.max_bytes)
        except InputError as exc:
            return InputFailure(item.source, exc, item.id)
    else:
        article = item
    if options.language:
        article.language = options.language
    return annotate(article, clean=options.clean, tagger=options.tagger)


def process(
    items: Iterable[Item],
    *,
    options: Options = Options(),
    jobs: int = 1,
    db: Database | None = None,
    reload: bool = False,
) -> Iterator[Outcome]:
    """Annotate each article (and store it when ``db`` is given), yielding outcomes in input order.

    Inputs whose text the store already holds are not annotated again (status ``exists``), nor
    are pages whose exact bytes it holds (they are not even extracted). Their outcome carries
    the stored analysis when ``reload`` is set (for output), else only the input.
    """

    def todo() -> Iterator[tuple[Item, bool]]:
        for item in items:
            skip = db is not None and (
                (isinstance(item, Article) and db.has(item.text))
                or (isinstance(item, Document) and db.has_original(item.digest)))
            yield item, skip

    if jobs <= 1:
        for item, skip in todo():
            yield _finish(item, skip, options, db, None, reload)
        return
    # Workers annotate chunk by chunk; this process reads inputs and is the only store writer.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs) as pool:
        for chunk in _chunks(todo(), CHUNK):
            work = [(it, options) for it, skip in chunk
                    if not isinstance(it, InputFailure) and not skip]
            done = iter(pool.map(_annotate, work, chunksize=max(1, len(work) // (jobs * 2))))
            for item, skip in chunk:
                ready = next(done) if not isinstance(item, InputFailure) and not skip else None
                yield _finish(item, skip, options, db, ready, reload)


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
            annotated: Article | InputFailure | None, reload: bool = False) -> Outcome:
    if skip:
        assert not isinstance(item, InputFailure)
        kept = None
        if reload and db is not None:
            kept = db.stored_as(text=item.text) if isinstance(item, Article) else \
                db.stored_as(digest=item.digest)
        return Outcome(kept or _skipped(item), "exists")
    if not isinstance(item, InputFailure):
        done = annotated if annotated is not None else _annotate((item, options))
        if isinstance(done, InputFailure):
            item = done
        else:
            if db is None:
                return Outcome(done, "annotated")
            stored = db.add_article(done)
            return Outcome(done, "stored" if stored else "exists")
    if db is not None:
        db.add_error(item.source, "ingest", item.code, item.message, item.id)
    return Outcome(item.to_article(), "failed")


def _skipped(item: Article | Document) -> Article:
    if isinstance(item, Article):
        return item
    return Article(id=item.id, text="", source=item.source, url=item.url)
