"""The story layer over a real SQLite store: batch first, then incremental; one failing dossier
loses nothing else; very large stories compare a bounded set of articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pressespiegel import analyze_text
from pressespiegel.app import stories
from pressespiegel.link import cluster_articles, default_embedder
from pressespiegel.model import Article
from pressespiegel.store import Database
from pressespiegel.summarize import dossier
from tests.compare.story_texts import OTHER, REPORT_A, REPORT_A_COPY, REPORT_B


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [
        analyze_text(text, id=aid, published="2025-03-04")
        for aid, text in [
            ("a", REPORT_A),
            ("b", REPORT_B),
            ("a-copy", REPORT_A_COPY),
            ("other", OTHER),
        ]
    ]


def test_batch_then_incremental(tmp_path: Path, articles: list[Article]) -> None:
    with Database(tmp_path / "s.db") as db:
        for art in articles[:2]:
            db.add_article(art)
        first = stories.update_stories(db)
        assert first.mode == "batch" and first.new_articles == 2
        for art in articles[2:]:
            db.add_article(art)
        second = stories.update_stories(db)
        assert second.mode == "incremental" and second.new_articles == 2
        story_of = db.story_of()
        assert story_of["a-copy"] == (story_of["a"][0], "a", story_of["a"][2])
        assert story_of["other"][0] != story_of["a"][0]
        assert stories.update_stories(db).mode == "none"
        data = db.dossier(story_of["a"][0])
        assert data is not None and set(data["articles"]) == {"a", "b", "a-copy"}


def _fail_the_other_story(monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """Make building the dossier of the story holding "other" fail; (the real, the flaky)."""
    real = stories.build_dossier

    def flaky(story, arts, encode=None, **kwargs):  # type: ignore[no-untyped-def]
        if "other" in story.articles:
            raise RuntimeError("simulated failure")
        return real(story, arts, encode=encode, **kwargs)

    monkeypatch.setattr(stories, "build_dossier", flaky)
    return real, flaky


def test_a_failing_dossier_is_recorded_and_the_rest_is_kept(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    real, flaky = _fail_the_other_story(monkeypatch)
    with Database(tmp_path / "f.db") as db:
        for art in articles:
            db.add_article(art)
        report = stories.update_stories(db)
        assert len(report.failed) == 1
        assert db.unlinked_ids() == []  # membership is stored even without the dossier
        assert any(e.stage == "dossier" and "simulated failure" in e.message for e in db.errors())
        kept = [r for r in db.story_rows() if db.dossier(r.id) is not None]
        assert len(kept) == 1 and kept[0].n_articles == 3
        written = stories.write_dossiers(db, tmp_path / "out", ["json"])
        assert [p.name for p in written if p.name.startswith("s-")] == [f"{kept[0].id}.json"]
        failed = report.failed[0]
        assert db.stale_stories() == [failed]

        # The next run builds the failed dossier again, even with nothing new to link.
        monkeypatch.setattr(stories, "build_dossier", real)
        again = stories.update_stories(db)
        assert again.mode == "rebuild" and again.touched == [failed]
        assert db.stale_stories() == [] and db.dossier(failed) is not None

        # A dossier that fails to rebuild keeps its previous version (marked stale).
        monkeypatch.setattr(stories, "build_dossier", flaky)
        db.add_article(
            analyze_text(OTHER.replace("600", "700"), id="other-2", published="2025-03-05")
        )
        third = stories.update_stories(db)
        library = db.story_of()["other"][0]
        assert db.story_of()["other-2"][0] == library and third.failed == [library]
        assert db.dossier(library) is not None and db.stale_stories() == [library]


def test_large_story_compares_a_bounded_set(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dossier, "MAX_ALIGNED", 1)
    embedder = default_embedder()
    story = next(s for s in cluster_articles(articles, embedder=embedder) if "a" in s.articles)
    d = dossier.build_dossier(story, articles, encode=embedder.encode)
    assert set(d.articles) == {"a", "b", "a-copy"}
    compared = {r.article for f in d.facts + d.single_source for r in f.sources}
    assert "b" not in compared  # REPORT_B is the shorter original and is left out


def test_first_run_beyond_the_batch_limit_assigns_the_rest(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stories, "BATCH_MAX", 2)
    with Database(tmp_path / "b.db") as db:
        for art in articles:
            db.add_article(art)
        report = stories.update_stories(db)
        assert report.mode == "batch" and db.unlinked_ids() == []
        story_of = db.story_of()
        assert story_of["a-copy"][0] == story_of["a"][0] == story_of["b"][0]
        assert story_of["other"][0] != story_of["a"][0]


def test_two_writers_never_overwrite_each_others_stories(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writer one reads the stories, writer two links its article and saves, then writer one
    saves: its save must be refused and redone, so that nothing writer two did is lost."""
    path = tmp_path / "two.db"
    with Database(path) as one, Database(path) as two:
        one.add_article(articles[0])
        stories.update_stories(one)  # the batch start
        one.add_article(articles[1])
        real_save = one.save_stories
        calls = {"n": 0}

        def save_after_the_other_writer(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 1:  # writer two gets in between writer one's read and save
                two.add_article(articles[3])
                assert stories.update_stories(two).new_articles == 2
            return real_save(*args, **kwargs)

        monkeypatch.setattr(one, "save_stories", save_after_the_other_writer)
        report = stories.update_stories(one)
        # Writer one's save was refused; redone on fresh state, there was nothing left to do.
        assert calls["n"] == 1 and report.new_articles == 0
        assert one.unlinked_ids() == []
        state = one.link_state(stories.STATE_KEY)
        assert state is not None
        from pressespiegel.link import StoryIndex

        index = StoryIndex.from_bytes(state)
        assert set(index.story_of) == {a.id for a in one.articles()}


@pytest.mark.parametrize("min_articles", [1, 2])
def test_the_index_lists_every_story_and_links_only_written_files(
    tmp_path: Path, articles: list[Article], min_articles: int
) -> None:
    with Database(tmp_path / "i.db") as db:
        for art in articles:
            db.add_article(art)
        stories.update_stories(db)
        story_of = db.story_of()
        written = stories.write_dossiers(
            db, tmp_path / "out", ["html", "md"], min_articles=min_articles
        )
    big, single = story_of["a"][0], story_of["other"][0]
    assert {p.stem for p in written} == {"index", big} | ({single} if min_articles == 1 else set())
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert index.count('<li class="story') == 2
    assert f'<a href="{big}.html">' in index
    assert (f'<a href="{single}.html">' in index) == (min_articles == 1)
    assert index.count("single article") == 1
    md = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "| 1 (single article) |" in md and f"]({big}.md)" in md


def test_the_index_lists_a_story_whose_dossier_failed(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_the_other_story(monkeypatch)
    with Database(tmp_path / "f.db") as db:
        for art in articles:
            db.add_article(art)
        stories.update_stories(db)
        stories.write_dossiers(db, tmp_path / "out", ["html"], min_articles=1)
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert index.count('<li class="story') == 2
    assert index.count("no dossier file") == 1 and index.count("single article") == 1


def test_a_single_article_story_is_stored_partial_and_completed_when_written(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded: list[int] = []
    real_align = dossier.align

    def counting_align(arts, encode, **kwargs):  # type: ignore[no-untyped-def]
        embedded.append(len(arts))
        return real_align(arts, encode, **kwargs)

    monkeypatch.setattr(dossier, "align", counting_align)
    with Database(tmp_path / "p.db") as db:
        for art in articles:
            db.add_article(art)
        stories.update_stories(db)
        story_of = db.story_of()
        single, big = story_of["other"][0], story_of["a"][0]
        stored = db.dossier(single)
        assert stored is not None and stored["complete"] is False
        assert stored["summary"] == [] and stored["facts"] == []
        assert stored["title"] and stored["articles"] == ["other"]
        assert db.dossier(big)["complete"] is True  # type: ignore[index]
        assert embedded == [3]  # only the story of three articles was aligned
        written = stories.write_dossiers(db, tmp_path / "out", ["json"], min_articles=1)
    shown = next(p for p in written if p.stem == single)
    import json

    data = json.loads(shown.read_text(encoding="utf-8"))
    assert data["complete"] is True and data["summary"], "the written dossier is the whole one"


def _counting_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Story ids in the order their HTML is rendered."""
    from pressespiegel.render import html

    rendered: list[str] = []
    real = html.render_html

    def counting(dossier_, articles_):  # type: ignore[no-untyped-def]
        rendered.append(dossier_.id)
        return real(dossier_, articles_)

    monkeypatch.setattr(html, "render_html", counting)
    return rendered


def test_only_changed_or_missing_dossier_files_are_written_again(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = _counting_renders(monkeypatch)
    out = tmp_path / "out"
    with Database(tmp_path / "w.db") as db:
        for art in articles:
            db.add_article(art)
        stories.update_stories(db)
        first = stories.write_dossiers(db, out, ["html", "json"], min_articles=1)
        assert len(rendered) == 2  # the story of three and the single one
        again = stories.write_dossiers(db, out, ["html", "json"], min_articles=1)
        assert len(rendered) == 2, "nothing changed: no story is rendered again"
        assert sorted(again) == sorted(first)  # the files are still reported (and there)
        big = db.story_of()["a"][0]
        # a new article in one story: that story alone is rendered again
        db.add_article(
            analyze_text(
                REPORT_B + "\n\nDie Ermittlungen dauern an.", id="b-again", published="2025-03-05"
            )
        )
        stories.update_stories(db)
        assert db.story_of()["b-again"][0] == big
        stories.write_dossiers(db, out, ["html", "json"], min_articles=1)
        assert rendered[2:] == [big]
        data = (out / f"{big}.json").read_text(encoding="utf-8")
        assert "b-again" in data
        # a deleted file, and a damaged manifest, are written again
        (out / f"{big}.html").unlink()
        stories.write_dossiers(db, out, ["html", "json"], min_articles=1)
        assert rendered[3:] == [big] and (out / f"{big}.html").is_file()
        (out / stories.MANIFEST).write_text("{not json", encoding="utf-8")
        stories.write_dossiers(db, out, ["html", "json"], min_articles=1)
        assert len(rendered) == 6
        # another format asked for: every story gets it
        stories.write_dossiers(db, out, ["html", "json", "md"], min_articles=1)
        assert len(rendered) == 8 and (out / f"{big}.md").is_file()
