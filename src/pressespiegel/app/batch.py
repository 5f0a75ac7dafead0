"""Run the per-article pipeline over many inputs: in order, optionally on several cores, with
the store skipping what it already holds. One bad input never stops the batch."""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import InputError
from ..ingest import DEFAULT_MAX_BYTES, Document, InputFailure, Item
from ..model import Article
from ..pipeline import DEFAULT_TAGGER, annotate
from ..store import Store

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
    db: Store | None = None,
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
                or (isinstance(item, Document) and db.has_original(item.digest))
            )
            yield item, skip

    pairs = todo()
    head = list(itertools.islice(pairs, SMALL_RUN + 1))
    if jobs <= 1 or len(head) <= SMALL_RUN:
        # A few inputs are done sooner here than by workers that first load every model.
        for item, skip in itertools.chain(head, pairs):
            yield _finish(item, skip, options, db, None, reload)
        return
    # Workers annotate chunk by chunk; this process reads inputs and is the only store writer.
    # A few chunks per worker are in flight, so workers never wait for the writer, and outcomes
    # come back in input order with memory bounded by the window, not by the input.
    ctx = multiprocessing.get_context("spawn")
    pending: collections.deque[tuple[list[tuple[Item, bool]], Any]] = collections.deque()
    with ctx.Pool(jobs) as pool:
        for chunk in _chunks(itertools.chain(head, pairs), CHUNK):
            work = [
                (it, options) for it, skip in chunk if not isinstance(it, InputFailure) and not skip
            ]
            pending.append((chunk, pool.apply_async(_annotate_all, (work,))))
            while len(pending) > jobs * IN_FLIGHT:
                yield from _collect(*pending.popleft(), options, db, reload)
        while pending:
            yield from _collect(*pending.popleft(), options, db, reload)


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _annotate_all(work: list[tuple[Article | Document, Options]]) -> list[Article | InputFailure]:
    return [_annotate(job) for job in work]


def _collect(
    chunk: list[tuple[Item, bool]], result: Any, options: Options, db: Store | None, reload: bool
) -> Iterator[Outcome]:
    done = iter(result.get())
    for item, skip in chunk:
        ready = next(done) if not isinstance(item, InputFailure) and not skip else None
        yield _finish(item, skip, options, db, ready, reload)


#: Inputs per worker task (small, so both cores stay busy to the end of a run), tasks in
#: flight per worker, and the size of a run that is not worth starting workers for.
CHUNK = 8
IN_FLIGHT = 4
SMALL_RUN = 16


def _chunks(pairs: Iterator[tuple[Item, bool]], size: int) -> Iterator[list[tuple[Item, bool]]]:
    chunk: list[tuple[Item, bool]] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _finish(
    item: Item,
    skip: bool,
    options: Options,
    db: Store | None,
    annotated: Article | InputFailure | None,
    reload: bool = False,
) -> Outcome:
    if skip:
        assert not isinstance(item, InputFailure)
        kept = None
        if reload and db is not None:
            kept = (
                db.stored_as(text=item.text)
                if isinstance(item, Article)
                else db.stored_as(digest=item.digest)
            )
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
