"""Quality gate for page dates: the floors, htmldate alone beaten, no copyright or archive date."""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT, SHARED, shared_path

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))["dates_pages"]


def _load() -> ModuleType:
    path = ROOT / "eval" / "dates_pages.py"
    spec = importlib.util.spec_from_file_location("eval_dates_pages", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


DATES = _load()


@pytest.fixture(scope="module")
def sets() -> dict[str, dict[str, Any]]:
    folder = SHARED / "data" / "extraction_en"
    return DATES.evaluate(folder if (folder / "ground-truth.json").exists() else None)


def test_own_german_pages_stay_above_floor(sets: dict[str, dict[str, Any]]) -> None:
    key = f"{DATES.DE} accuracy"
    ours = DATES.floor_scores(sets)[key]
    assert ours >= FLOORS[key] - 1e-9, (
        f"{key} {ours:.3f} is under the floor {FLOORS[key]:.2f} "
        "(python eval/dates_pages.py --details)"
    )


def test_english_pages_stay_above_floor_and_htmldate(sets: dict[str, dict[str, Any]]) -> None:
    shared_path("data", "extraction_en", "ground-truth.json")  # skips without ../shared
    key = f"{DATES.EN} accuracy"
    ours = DATES.floor_scores(sets)[key]
    htmldate = sets[DATES.EN]["htmldate (defaults)"].accuracy
    assert ours >= FLOORS[key] - 1e-9, (
        f"{key} {ours:.3f} is under the floor {FLOORS[key]:.2f} "
        "(python eval/dates_pages.py --details)"
    )
    assert ours >= htmldate - 1e-9, (
        f"{key} {ours:.3f} is under htmldate's defaults ({htmldate:.3f})"
    )


def test_no_copyright_or_archive_date_is_taken(sets: dict[str, dict[str, Any]]) -> None:
    for name, tallies in sets.items():
        ours = tallies["pressespiegel"]
        assert ours.copyright == 0, (
            f"{name}: {ours.copyright} copyright years or archive dates taken as the page's date "
            "(python eval/dates_pages.py --details)"
        )
