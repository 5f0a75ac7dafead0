"""Quality gates: the evaluation scripts' scores must not fall under the stored floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, shared_path


def _load(name: str) -> ModuleType:
    path = ROOT / "eval" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"eval_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_scores() -> dict[str, float]:
    seeds = shared_path("seeds")
    scores = _load("seeds").evaluate(Path(seeds))
    return {k: v.rate for k, v in scores.items()}


@pytest.mark.parametrize("field", sorted(FLOORS["seeds"]))
def test_seed_scores_stay_above_floor(seed_scores: dict[str, float], field: str) -> None:
    assert field in seed_scores, f"eval/seeds.py no longer reports {field!r}"
    assert seed_scores[field] >= FLOORS["seeds"][field] - 1e-9, (
        f"{field}: {seed_scores[field]:.1%} is under the floor {FLOORS['seeds'][field]:.0%} "
        "(python eval/seeds.py --details shows what was missed)"
    )


@pytest.fixture(scope="module")
def quote_scores() -> dict[str, float]:
    path = shared_path("data", "quotes_de", "dev.jsonl")
    module = _load("quotes_de")
    scores, _ = module.evaluate(Path(path))
    return module.floor_scores(scores)


@pytest.mark.slow
@pytest.mark.parametrize("field", sorted(FLOORS["quotes_de_dev"]))
def test_quote_scores_stay_above_floor(quote_scores: dict[str, float], field: str) -> None:
    assert quote_scores[field] >= FLOORS["quotes_de_dev"][field] - 1e-9, (
        f"quotes_de dev {field}: {quote_scores[field]:.3f} is under the floor "
        f"{FLOORS['quotes_de_dev'][field]:.2f} (python eval/quotes_de.py --details 20)"
    )


@pytest.mark.slow
def test_ner_germeval_stays_above_floor() -> None:
    data = shared_path("data")
    if not (Path(data) / "germeval2014" / "NER-de-dev.tsv").is_file():
        pytest.skip("GermEval 2014 dev file not in ../shared/data")
    scores = _load("ner_germeval").evaluate(Path(data), quiet=True)
    f1 = scores["pipeline"]["ALL"].f1
    floor = FLOORS["ner_germeval"]["f1"]
    assert f1 >= floor - 1e-9, (
        f"GermEval 5-fold PER/ORG/LOC F1 {f1:.3f} is under the floor {floor:.2f} "
        "(python eval/ner_germeval.py prints the table)"
    )


def test_ner_heldout_stays_above_floor() -> None:
    data = shared_path("data")
    if not (Path(data) / "ner_de" / "smartdata_de" / "v3-test.tsv").is_file():
        pytest.skip("SmartData v3 test split not in ../shared/data")
    module = _load("ner_heldout")
    scores = module.evaluate(Path(data))
    f1 = scores[module.SYSTEMS[0]]["ALL"].f1
    floor = FLOORS["ner_heldout"]["f1"]
    assert f1 >= floor - 1e-9, (
        f"held-out SmartData PER/ORG/LOC F1 {f1:.3f} is under the floor {floor:.2f} "
        "(python eval/ner_heldout.py prints the table)"
    )


@pytest.fixture(scope="module")
def extraction_scores() -> tuple[float, float]:
    folder = shared_path("data", "extraction_en")
    means, _, _ = _load("extraction_en").evaluate(Path(folder))
    return means["pressespiegel"].f1, means["trafilatura"].f1


def test_extraction_stays_above_floor_and_trafilatura(
    extraction_scores: tuple[float, float],
) -> None:
    ours, trafilatura = extraction_scores
    floor = FLOORS["extraction_en"]["f1"]
    assert ours >= floor - 1e-9, (
        f"extraction_en F1 {ours:.3f} is under the floor {floor:.2f} "
        "(python eval/extraction_en.py --details 10)"
    )
    assert ours >= trafilatura - 1e-9, (
        f"extraction_en F1 {ours:.3f} is under trafilatura alone ({trafilatura:.3f}): our "
        "cleaning removes article text (python eval/extraction_en.py --details 10)"
    )


@pytest.mark.slow
def test_german_event_pairs_stay_above_floor() -> None:
    data = Path(shared_path("data"))
    if not (data / "gnad10k" / "articles.csv").is_file() or not (data / "quotes_de").is_dir():
        pytest.skip("10kGNAD or the German Wikinews quotation corpus not in ../shared/data")
    scores = _load("pairs_de").score("dev")
    floors = FLOORS["pairs_de"]
    for field in ("precision", "f1", "wikinews precision"):
        assert scores[field] >= floors[field] - 1e-9, (
            f"German same-event pairs (dev) {field}: {scores[field]:.3f} is under the floor "
            f"{floors[field]:.2f} (python eval/pairs_de.py --details lists the mistakes)"
        )
    # The clusterer must do better than the char TF-IDF baseline on the same pairs.
    assert scores["f1"] >= scores["baseline f1"] - 1e-9


@pytest.mark.slow
def test_fast_tagger_agrees_with_hanta_above_floor() -> None:
    path = Path(shared_path("data")) / "gnad10k" / "articles.csv"
    if not path.is_file():
        pytest.skip("10kGNAD not in ../shared/data")
    scores = _load("tagger_de").evaluate(path)
    for field, floor in FLOORS["tagger_de"].items():
        assert scores[field] >= floor - 1e-9, (
            f"fast tagger {field} with HanTa on 10kGNAD {scores[field]:.4f} is under the floor "
            f"{floor} (python eval/tagger_de.py shows the confusions)"
        )
