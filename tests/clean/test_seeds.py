"""Clean + metadata on the seed articles, scored against their gold (read at run time)."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from pressespiegel.clean.boilerplate import clean_stage
from pressespiegel.clean.lines import split_lines
from pressespiegel.clean.metadata import metadata_stage
from pressespiegel.model import Article

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FILES = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"seed articles not found in {SEEDS}")


def _load(path: Path) -> tuple[str, dict, Article]:
    text = path.read_text(encoding="utf-8")
    gold = json.loads((SEEDS / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    return text, gold, metadata_stage(clean_stage(Article(id=path.stem, text=text)))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("field", ["title", "outlet", "published", "dateline", "agencies"])
def test_metadata_matches_gold(path: Path, field: str) -> None:
    _, gold, art = _load(path)
    assert getattr(art, field) == gold[field]


def test_boilerplate_recall_and_no_body_line_removed() -> None:
    found = wanted = body_removed = 0
    for path in FILES:
        text, gold, art = _load(path)
        removed = collections.Counter(
            text[r.start : r.end] for r in art.removed if r.reason not in ("title", "dateline")
        )
        gold_bp = collections.Counter(gold["boilerplate_lines"])
        wanted += sum(gold_bp.values())
        found += sum(min(n, removed[line]) for line, n in gold_bp.items())
        # Body lines: those between the first and last body sentence, less gold boilerplate.
        lines = split_lines(text)
        first = next(i for i, ln in enumerate(lines) if gold["body_first_sentence"][:40] in ln.text)
        last = max(i for i, ln in enumerate(lines) if gold["body_last_sentence"][-40:] in ln.text)
        cut = {(r.start, r.end) for r in art.removed}
        budget = collections.Counter(gold["boilerplate_lines"])
        for ln in lines[first : last + 1]:
            if (ln.start, ln.end) in cut:
                if budget[ln.text] > 0:
                    budget[ln.text] -= 1
                else:
                    body_removed += 1
    assert found / wanted >= 0.95
    assert body_removed == 0
