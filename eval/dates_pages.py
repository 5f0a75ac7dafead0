"""Score the publication date of news pages: ours against htmldate alone, in one run.

    python eval/dates_pages.py [--data DIR] [--details] [--json] [--check]

Two sets of pages, each with a gold day per page (``eval/dates/README.md`` says how it was made):

* ``extraction_en``: the 181 English pages of the extraction benchmark
  (``../shared/data/extraction_en/``), gold in ``eval/dates/extraction_en.json``, read by hand
  from each page;
* ``de (own pages)``: German pages that this project wrote for the purpose (``eval/dates/de/``,
  gold in ``eval/dates/de.json``), in the layouts of common German news sites; invented texts,
  so they test the layouts, not real pages.

Systems, all given the page and its URL:

* ``pressespiegel``: the ``published`` of the article that ``html_to_article`` and the clean
  stage make of the page (what ``pressespiegel extract`` gives);
* ``htmldate (defaults)``: ``htmldate.find_date(page, url=url)``;
* ``htmldate (extensive_search=False)``: the same without its text search;
* ``htmldate (no extensive, original_date)``: our setting before ``ingest/pagedates.py``.

A page is right when the system gives the gold day (or the same moment's day in another time
zone, the gold's ``also``), or no date where the gold has none. ``copyright/archive`` counts the
wrong days that are Jan 1 of a year the page shows beside ©, "Copyright" or "Alle Rechte", or
that the gold lists among the page's copyright and archive dates (``traps``).

--check exits 1 when our accuracy is under a floor in eval/floors.json ("dates_pages"), under
htmldate's defaults on the English pages, or when we take any copyright or archive date.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel.errors import InputError  # noqa: E402
from pressespiegel.ingest.html import html_to_article  # noqa: E402
from pressespiegel.registry import Pipeline  # noqa: E402

GOLD = ROOT / "eval" / "dates"
EN = "extraction_en"
DE = "de (own pages)"


@dataclass(slots=True)
class Page:
    id: str
    url: str | None
    html: bytes
    published: str | None
    also: list[str] = field(default_factory=list)
    traps: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Tally:
    right: int = 0
    pages: int = 0
    dated: int = 0
    dated_right: int = 0
    undated_right: int = 0
    none_given: int = 0  # no date where the page has one
    copyright: int = 0  # a copyright year or an archive date taken
    wrong: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.pages if self.pages else 0.0


def load_en(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    gold = json.loads((GOLD / "extraction_en.json").read_text(encoding="utf-8"))
    return [
        Page(
            ident,
            truth[ident].get("url") or None,
            gzip.decompress((folder / "html" / f"{ident}.html.gz").read_bytes()),
            gold[ident]["published"],
            gold[ident].get("also", []),
        )
        for ident in sorted(gold)
    ]


def load_de() -> list[Page]:
    gold = json.loads((GOLD / "de.json").read_text(encoding="utf-8"))
    return [
        Page(
            ident,
            entry.get("url"),
            (GOLD / "de" / f"{ident}.html").read_bytes(),
            entry["published"],
            entry.get("also", []),
            entry.get("traps", []),
        )
        for ident, entry in sorted(gold.items())
    ]


_CLEAN = Pipeline(["clean"])


def ours(page: Page) -> str | None:
    try:
        article = html_to_article(page.html, page.id, page.id, url=page.url)
    except InputError:
        return None
    return _CLEAN(article).published


def _htmldate(**options: Any) -> Callable[[Page], str | None]:
    def run(page: Page) -> str | None:
        from htmldate import find_date

        return find_date(page.html, url=page.url, **options)

    return run


SYSTEMS: dict[str, Callable[[Page], str | None]] = {
    "pressespiegel": ours,
    "htmldate (defaults)": _htmldate(),
    "htmldate (extensive_search=False)": _htmldate(extensive_search=False),
    "htmldate (no extensive, original_date)": _htmldate(extensive_search=False, original_date=True),
}

_CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_COPYRIGHT = re.compile(
    r"©|&copy;|&#169;|\(c\)|copyright|alle rechte|all rights reserved", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def copyright_years(html: bytes) -> set[int]:
    """The years a page shows beside a copyright sign or notice (in its text, not its code)."""
    text = _TAG.sub(" ", _CODE.sub(" ", html.decode("utf-8", errors="replace")))
    years: set[int] = set()
    for m in _COPYRIGHT.finditer(text):
        years.update(int(y) for y in _YEAR.findall(text[max(0, m.start() - 40) : m.end() + 60]))
    return years


def is_copyright_or_archive(page: Page, day: str) -> bool:
    if any(t["date"] == day and t["kind"] in ("copyright", "archive") for t in page.traps):
        return True
    return day.endswith("-01-01") and int(day[:4]) in copyright_years(page.html)


def score(pages: list[Page]) -> dict[str, Tally]:
    tallies = {name: Tally() for name in SYSTEMS}
    for page in pages:
        for name, system in SYSTEMS.items():
            found = system(page)
            tally = tallies[name]
            tally.pages += 1
            tally.dated += page.published is not None
            right = found == page.published or (found is not None and found in page.also)
            if right:
                tally.right += 1
                if page.published is None:
                    tally.undated_right += 1
                else:
                    tally.dated_right += 1
                continue
            tally.wrong.append((page.id, page.published, found))
            if found is None:
                tally.none_given += 1
            elif is_copyright_or_archive(page, found):
                tally.copyright += 1
    return tallies


def evaluate(folder: Path | None) -> dict[str, dict[str, Tally]]:
    """Tallies per set and system; the English set only when its pages are there."""
    sets: dict[str, dict[str, Tally]] = {}
    if folder is not None and (folder / "ground-truth.json").exists():
        sets[EN] = score(load_en(folder))
    sets[DE] = score(load_de())
    return sets


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=None,
        help="the extraction_en folder (default ../shared/data/extraction_en)",
    )
    ap.add_argument("--details", action="store_true", help="list the pages we get wrong")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 under the floor")
    args = ap.parse_args(argv)
    folder = args.data or shared_dir() / "data" / "extraction_en"
    if not (folder / "ground-truth.json").exists():
        print(f"no extraction benchmark at {folder}: German own pages only", file=sys.stderr)
    sets = evaluate(folder)
    if args.json:
        print(
            json.dumps(
                {
                    s: {
                        n: {
                            "accuracy": t.accuracy,
                            "right": t.right,
                            "pages": t.pages,
                            "copyright_or_archive": t.copyright,
                        }
                        for n, t in tallies.items()
                    }
                    for s, tallies in sets.items()
                }
            )
        )
    else:
        for name, tallies in sets.items():
            first = next(iter(tallies.values()))
            print(
                f"\n{name}: {first.pages} pages, {first.dated} with a date"
                + (" (our own pages, not real ones)" if name == DE else "")
            )
            print(
                f"{'system':<40} {'right':>7} {'acc':>6} {'dated':>7} {'undated':>7} "
                f"{'none':>5} {'©/archive':>9}"
            )
            undated = first.pages - first.dated
            for system, t in tallies.items():
                print(
                    f"{system:<40} {t.right:>3}/{t.pages:<3} {t.accuracy:6.3f} "
                    f"{t.dated_right:>3}/{first.dated:<3} {t.undated_right:>3}/{undated:<3} "
                    f"{t.none_given:>5} {t.copyright:>9}"
                )
            if args.details:
                for ident, gold, found in tallies["pressespiegel"].wrong:
                    print(f"  ours wrong: {ident[:12]} gold {gold} ours {found}")
    if args.check:
        return check(sets)
    return 0


def floor_scores(sets: dict[str, dict[str, Tally]]) -> dict[str, float]:
    """Our scores under the keys of eval/floors.json ("dates_pages")."""
    return {f"{name} accuracy": tallies["pressespiegel"].accuracy for name, tallies in sets.items()}


def check(sets: dict[str, dict[str, Tally]]) -> int:
    floors = json.loads((ROOT / "eval" / "floors.json").read_text())["dates_pages"]
    failures = [
        f"{key} {value:.3f} is under the floor {floors[key]}"
        for key, value in floor_scores(sets).items()
        if key in floors and value < floors[key] - 1e-9
    ]
    if EN in sets:
        mine, base = sets[EN]["pressespiegel"], sets[EN]["htmldate (defaults)"]
        if mine.accuracy < base.accuracy - 1e-9:
            failures.append(
                f"{EN}: ours {mine.accuracy:.3f} under htmldate's defaults {base.accuracy:.3f}"
            )
    failures += [
        f"{name}: {t['pressespiegel'].copyright} copyright or archive dates taken"
        for name, t in sets.items()
        if t["pressespiegel"].copyright
    ]
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
