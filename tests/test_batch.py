"""Annotation in worker processes: input order, the store written once, skips and failures."""

from __future__ import annotations

from pathlib import Path

from pressespiegel.app.batch import SMALL_RUN, Options, default_jobs, process
from pressespiegel.errors import E, InputError
from pressespiegel.ingest import InputFailure
from pressespiegel.model import Article
from pressespiegel.store import Database


def _articles(n: int) -> list[Article]:
    return [
        Article(id=f"a{i}", text=f"Der Rat tagte zum {i}. Mal. Er beschloss nichts.")
        for i in range(n)
    ]


def test_workers_keep_input_order_and_skip_what_is_stored(tmp_path: Path) -> None:
    arts = _articles(3 * SMALL_RUN)
    failure = InputFailure("broken.html", InputError(E.EMPTY, name="broken.html"))
    items = [*arts[:5], failure, *arts[5:]]
    with Database(tmp_path / "b.db") as db:
        for art in arts[:3]:
            db.add_article(art)
        outcomes = list(process(items, options=Options(), jobs=2, db=db))
        assert [o.article.id for o in outcomes] == [
            *[a.id for a in arts[:5]],
            failure.to_article().id,
            *[a.id for a in arts[5:]],
        ]
        assert [o.status for o in outcomes[:6]] == ["exists"] * 3 + ["stored"] * 2 + ["failed"]
        assert all(o.status == "stored" for o in outcomes[6:])
        assert db.count() == len(arts)
        assert all(o.article.tokens for o in outcomes[3:5])  # annotated by a worker


def test_default_jobs_is_at_least_one() -> None:
    assert default_jobs() >= 1
