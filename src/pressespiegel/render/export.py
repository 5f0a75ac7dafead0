"""Export stored articles: full Article JSON Lines, or one flat row per article (CSV, Parquet)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import E, UsageError
from ..model import Article
from ..store import Store

FORMATS = ("jsonl", "csv", "parquet")

#: Columns of the flat export: metadata plus counts, and the kept body text. ``story`` is the
#: story id (empty until the article is linked), ``duplicate_of`` the original it copies.
FLAT_COLUMNS = (
    "id",
    "story",
    "duplicate_of",
    "source",
    "url",
    "title",
    "outlet",
    "published",
    "language",
    "dateline",
    "agencies",
    "placeholder",
    "n_sentences",
    "n_entities",
    "n_quotes",
    "n_figures",
    "n_dates",
    "n_errors",
    "persons",
    "body",
)


def flat_row(
    article: Article, story: tuple[str, str | None, str | None] | None = None
) -> dict[str, Any]:
    """One flat row; ``story`` is the article's ``(story, duplicate_of, sub_event)`` if linked."""
    persons = sorted({m.canonical for m in article.entities if m.label == "PER"})
    return {
        "id": article.id,
        "story": story[0] if story else None,
        "duplicate_of": story[1] if story else None,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "language": article.language,
        "dateline": article.dateline,
        "agencies": "; ".join(article.agencies),
        "placeholder": article.placeholder,
        "n_sentences": len(article.sentences),
        "n_entities": len(article.entities),
        "n_quotes": len(article.quotes),
        "n_figures": len(article.figures),
        "n_dates": len(article.dates),
        "n_errors": len(article.errors),
        "persons": "; ".join(persons),
        "body": article.body_text(),
    }


def export(db: Store, fmt: str, out: str) -> int:
    """Write every stored article to ``out`` (``-`` is standard output); returns the count."""
    if fmt not in FORMATS:
        raise UsageError(E.EXPORT_FORMAT, fmt=fmt, known=", ".join(FORMATS))
    story_of = db.story_of()
    if fmt == "parquet":
        return _parquet(db.articles(), story_of, out)
    stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        n = 0
        if fmt == "jsonl":
            for art in db.articles():
                stream.write(json.dumps(_with_story(art, story_of), ensure_ascii=False) + "\n")
                n += 1
        else:
            writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS)
            writer.writeheader()
            for art in db.articles():
                writer.writerow(flat_row(art, story_of.get(art.id)))
                n += 1
        return n
    finally:
        if stream is not sys.stdout:
            stream.close()


def _with_story(
    article: Article, story_of: Mapping[str, tuple[str, str | None, str | None]]
) -> dict[str, Any]:
    """The Article JSON with ``story`` and ``duplicate_of`` (null until linked)."""
    linked = story_of.get(article.id)
    return article.to_dict() | {
        "story": linked[0] if linked else None,
        "duplicate_of": linked[1] if linked else None,
    }


def _parquet(
    articles: Iterator[Article],
    story_of: Mapping[str, tuple[str, str | None, str | None]],
    out: str,
) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            E.MISSING_EXTRA, feature="Parquet export", package="pyarrow", extra="parquet"
        ) from None
    if out == "-":
        raise UsageError(
            E.EXPORT_FORMAT, fmt="parquet to standard output", known="parquet with --out FILE"
        )
    rows = [
        flat_row(a, story_of.get(a.id))
        | {"json": json.dumps(_with_story(a, story_of), ensure_ascii=False)}
        for a in articles
    ]
    table = pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in FLAT_COLUMNS})
    pq.write_table(table, out)
    return len(rows)
