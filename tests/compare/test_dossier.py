"""The dossier of an invented story: facts, contradictions, framing, quotes, summary, timeline.

The reports are in ``story_texts.py``; the whole pipeline runs on them (annotation, clustering,
alignment with the packaged sentence encoder), nothing is mocked.
"""

from __future__ import annotations

import pytest

from pressespiegel import analyze_text
from pressespiegel.link import cluster_articles, default_embedder
from pressespiegel.model import Article, Dossier
from pressespiegel.summarize.dossier import build_dossier

from .story_texts import OTHER, REPORT_A, REPORT_A_COPY, REPORT_B


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [
        analyze_text(text, id=aid, published=day, outlet=outlet)
        for aid, text, day, outlet in [
            ("a", REPORT_A, "2025-03-04", "Talbote"),
            ("b", REPORT_B, "2025-03-04", "Kurier"),
            ("a-copy", REPORT_A_COPY, "2025-03-05", "Bergpost"),
            ("other", OTHER, "2025-03-04", "Talbote"),
        ]
    ]


@pytest.fixture(scope="module")
def dossier(articles: list[Article]) -> Dossier:
    embedder = default_embedder()
    stories = cluster_articles(articles, embedder=embedder)
    story = next(s for s in stories if "a" in s.articles)
    return build_dossier(story, articles, encode=embedder.encode)


def _text(articles: list[Article], article: str, start: int, end: int) -> str:
    return next(a for a in articles if a.id == article).text[start:end]


def test_story_holds_the_reports_and_not_the_other_event(dossier: Dossier) -> None:
    assert sorted(dossier.articles) == ["a", "a-copy", "b"]
    assert dossier.duplicate_of == {"a-copy": "a"}


def test_facts_are_corroborated_by_independent_sources_only(
    dossier: Dossier, articles: list[Article]
) -> None:
    assert len(dossier.facts) >= 3
    for fact in dossier.facts:
        arts = {r.article for r in fact.sources}
        assert fact.count == len(arts) >= 2
        assert "a-copy" not in arts or "a" not in arts  # a copy is never a second source
        for r in fact.sources + fact.copies:
            assert _text(articles, r.article, r.start, r.end) == r.text
    dam = [
        f
        for f in dossier.facts
        if any("Damm" in r.text and "40 Metern" in r.text for r in f.sources)
    ]
    assert dam and {r.article for r in dam[0].sources} == {"a", "b"}
    assert {r.article for r in dam[0].copies} == {"a-copy"}


def test_single_source_statements_are_kept_apart(dossier: Dossier) -> None:
    texts = [f.statement for f in dossier.single_source]
    assert any("Soforthilfe" in t for t in texts)  # only report B has the money
    assert all(f.count == 1 for f in dossier.single_source)


def test_contradictions_figures_weekdays_and_denial(
    dossier: Dossier, articles: list[Article]
) -> None:
    kinds = {c.kind for c in dossier.contradictions}
    assert {"number", "weekday", "claim_vs_denial"} <= kinds
    number = next(c for c in dossier.contradictions if c.kind == "number")
    assert sorted(c.value for c in number.claims) == ["1200", "1500"]
    denial = next(c for c in dossier.contradictions if c.kind == "claim_vs_denial")
    assert "vor" in denial.claims[0].text and "bestreitet" in denial.claims[1].text
    for c in dossier.contradictions:
        assert all(k.article != "a-copy" for k in c.claims)  # the copy repeats, not disagrees
        for k in c.claims:
            assert _text(articles, k.article, k.start, k.end) == k.text


def test_framing_and_merged_quote(dossier: Dossier) -> None:
    hartmann = next(f for f in dossier.framing if f.canonical == "Lena Hartmann")
    assert "Ministerpräsidentin" in hartmann.labels_by_article["b"]
    assert "Regierungschefin" in hartmann.labels_by_article["a"]
    quote = next(q for q in dossier.quotes if q.text.startswith("Wir lassen niemanden"))
    assert quote.speaker == "Lena Hartmann"
    assert sorted(quote.articles) == ["a", "b"]


def test_summary_cites_and_does_not_repeat(dossier: Dossier, articles: list[Article]) -> None:
    assert 1 <= len(dossier.summary) <= 8
    texts = [s.text for s in dossier.summary]
    assert len(set(texts)) == len(texts)
    for sentence in dossier.summary:
        assert sentence.sources and sentence.sources[0].text == sentence.text
        for r in sentence.sources:
            assert _text(articles, r.article, r.start, r.end) == r.text


def test_timeline_is_resolved_and_ordered(dossier: Dossier) -> None:
    dates = [t.date for t in dossier.timeline]
    assert dates == sorted(dates)
    # "in der Nacht zum Dienstag", read against the publication date (a Tuesday)
    assert "2025-03-04" in dates


def test_json_round_trip(dossier: Dossier) -> None:
    data = dossier.to_dict()
    assert Dossier.from_dict(data).to_dict() == data
    for key in (
        "id",
        "title",
        "articles",
        "first_seen",
        "last_seen",
        "summary",
        "timeline",
        "entities",
        "facts",
        "contradictions",
        "quotes",
        "framing",
        "coverage",
    ):
        assert key in data


def test_articles_outside_the_story_never_reach_its_dossier(articles: list[Article]) -> None:
    from pressespiegel.model import Story

    embedder = default_embedder()
    story = Story("s", ["a", "b"])
    alone = build_dossier(
        story, [a for a in articles if a.id in ("a", "b")], encode=embedder.encode
    ).to_dict()
    crowded = build_dossier(story, articles, encode=embedder.encode).to_dict()
    assert alone == crowded
