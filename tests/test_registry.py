from __future__ import annotations

import pytest

from pressespiegel.errors import PipelineError
from pressespiegel.model import Article
from pressespiegel.registry import Pipeline, registered, stage


@stage("test.upper", requires=["text"], assigns=["title"])
def _upper(article: Article) -> Article:
    article.title = article.text.upper()
    return article


@stage("test.boom", requires=["text"], assigns=["boom"])
def _boom(article: Article) -> Article:
    raise ValueError("broken on purpose")


@stage("test.after_boom", requires=["boom"], assigns=["later"])
def _after(article: Article) -> Article:
    article.outlet = "should not run"
    return article


def test_pipeline_runs_in_order() -> None:
    art = Pipeline(["test.upper"])(Article(id="a", text="abc"))
    assert art.title == "ABC" and art.done == ["test.upper"]


def test_order_is_checked_before_a_run() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline(["test.after_boom", "test.boom"])
    assert info.value.code == "E204" and "boom" in str(info.value)


def test_unknown_stage_lists_known_ones() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline(["no-such-stage"])
    assert "sentences" in str(info.value)


def test_failing_stage_is_recorded_and_dependants_skipped() -> None:
    art = Pipeline(["test.boom", "test.after_boom", "test.upper"])(Article(id="a", text="x"))
    assert [e.stage for e in art.errors] == ["test.boom", "test.after_boom"]
    assert art.errors[0].code == "E201" and "broken on purpose" in art.errors[0].message
    assert art.errors[1].code == "E202"
    assert art.outlet is None and art.title == "X" and art.done == ["test.upper"]


def test_builtin_stages_declare_what_they_need() -> None:
    stages = registered()
    for name in (
        "clean",
        "metadata",
        "language",
        "sentences",
        "tokens",
        "entities",
        "labels",
        "quotes",
        "figures",
        "dates",
        "damage",
        "passthrough",
    ):
        assert name in stages


def test_quotes_and_damage_are_skipped_when_what_they_read_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The quotes stage reads the labels (descriptors of speakers) and the title (headlines
    # quote too); the damage stage reads the entities: they declare it, so a failure there
    # skips them with a record instead of running them on missing input.
    import dataclasses

    from pressespiegel import registry
    from pressespiegel.pipeline import stage_names

    stages = registered()

    def boom(article: Article) -> Article:
        raise ValueError("broken on purpose")

    for name in ("labels", "entities"):
        monkeypatch.setitem(registry._REGISTRY, name, dataclasses.replace(stages[name], func=boom))
        art = Pipeline(stage_names())(Article(id="a", text="Die Stadt sagte: „Alles gut.“"))
        skipped = {e.stage for e in art.errors if e.code == "E202"}
        assert {"quotes"} <= skipped if name == "labels" else {"quotes", "damage"} <= skipped
        monkeypatch.setitem(registry._REGISTRY, name, stages[name])
    # Without cleaning no metadata stage runs: the title is ingest's, and the order still holds.
    assert "quotes" in Pipeline(stage_names(clean=False)).names
