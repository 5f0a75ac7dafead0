"""Score main-text extraction on real news pages: ours against trafilatura alone, in one run.

    python eval/extraction_en.py [--data DIR] [--limit N] [--details N] [--json] [--check]

The data is the ScrapingHub article-extraction benchmark (181 English news pages with the gold
article body; ``../shared/data/extraction_en/``). Both systems are scored like that benchmark:
the text is lower-cased, split into word tokens, and cut into overlapping 4-token shingles;
precision and recall count shared shingles (as multisets) and are averaged over pages, and F1
is the harmonic mean of the averages. A page where a system finds nothing scores precision 1
(nothing wrong was said) and recall 0, as the benchmark does.

* ``trafilatura``: trafilatura's text for the page, headline and all, exactly what it returns.
* ``pressespiegel``: what ``pressespiegel extract`` keeps as the body: the page's headline over
  trafilatura's text, through our clean stage, which drops the headline, teasers, prompts,
  bylines and share lines it recognises.

--check exits 1 when our F1 is under the floor in eval/floors.json ("extraction_en" ->
"f1") or under trafilatura's F1 in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel.errors import InputError  # noqa: E402
from pressespiegel.ingest.html import extract_page, html_to_article  # noqa: E402
from pressespiegel.registry import Pipeline  # noqa: E402

SHINGLE = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class Page:
    id: str
    url: str
    html: bytes
    gold: str


@dataclass(slots=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(folder: Path, limit: int | None = None) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for ident in sorted(truth)[:limit]:
        path = folder / "html" / f"{ident}.html.gz"
        pages.append(
            Page(
                ident,
                truth[ident].get("url") or "",
                gzip.decompress(path.read_bytes()),
                truth[ident].get("articleBody") or "",
            )
        )
    return pages


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text.lower())
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_score(gold: str, found: str) -> Score:
    want, got = shingles(gold), shingles(found)
    if not got:
        return Score(1.0, 0.0 if want else 1.0)
    if not want:
        return Score(0.0, 1.0)
    hit = sum((want & got).values())
    return Score(hit / sum(got.values()), hit / sum(want.values()))


def trafilatura_alone(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url or None, include_comments=False) or ""


_CLEAN = Pipeline(["clean"])


def ours(page: Page) -> str:
    try:
        article = html_to_article(page.html, page.id, page.id, url=page.url or None)
    except InputError:
        return ""
    return _CLEAN(article).body_text()


def headline_and_text(page: Page) -> str:
    """Our extraction before cleaning (for --details: what the clean stage took away)."""
    try:
        found = extract_page(
            page.html.decode("utf-8", errors="replace"), page.id, url=page.url or None
        )
    except InputError:
        return ""
    return found.body


SYSTEMS: dict[str, Callable[[Page], str]] = {
    "trafilatura": trafilatura_alone,
    "pressespiegel": ours,
}


def evaluate(
    folder: Path, limit: int | None = None
) -> tuple[dict[str, Score], dict[str, float], dict[str, list[Score]]]:
    """Mean precision/recall per system, pages per second, and the per-page scores."""
    pages = load(folder, limit)
    per_page: dict[str, list[Score]] = {}
    speed: dict[str, float] = {}
    for name, system in SYSTEMS.items():
        start = time.perf_counter()
        per_page[name] = [page_score(p.gold, system(p)) for p in pages]
        speed[name] = len(pages) / max(time.perf_counter() - start, 1e-9)
    means = {
        name: Score(
            sum(s.precision for s in scores) / len(scores),
            sum(s.recall for s in scores) / len(scores),
        )
        for name, scores in per_page.items()
    }
    return means, speed, per_page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    ap.add_argument(
        "--details",
        type=int,
        default=0,
        metavar="N",
        help="list the N pages where we lose most against trafilatura",
    )
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 under the floor")
    args = ap.parse_args(argv)
    folder = args.data or shared_dir() / "data" / "extraction_en"
    if not (folder / "ground-truth.json").exists():
        print(
            f"no extraction benchmark at {folder} (see ../shared/data/README.md)", file=sys.stderr
        )
        return 2
    means, speed, per_page = evaluate(folder, args.limit)
    n = len(per_page["trafilatura"])
    if args.json:
        print(
            json.dumps(
                {
                    name: {
                        "precision": s.precision,
                        "recall": s.recall,
                        "f1": s.f1,
                        "pages_per_s": speed[name],
                    }
                    for name, s in means.items()
                }
            )
        )
    else:
        print(f"extraction_en: {n} pages, 4-token shingles, mean over pages")
        print(f"{'system':<14} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
        for name, s in means.items():
            print(f"{name:<14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {speed[name]:8.1f}")
    if args.details:
        pages = load(folder, args.limit)
        worst = sorted(
            range(n), key=lambda i: per_page["pressespiegel"][i].f1 - per_page["trafilatura"][i].f1
        )[: args.details]
        for i in worst:
            ours_s, base = per_page["pressespiegel"][i], per_page["trafilatura"][i]
            print(
                f"\n{pages[i].id[:12]} {pages[i].url}\n  ours P {ours_s.precision:.2f} "
                f"R {ours_s.recall:.2f}; trafilatura P {base.precision:.2f} "
                f"R {base.recall:.2f}"
            )
    if args.check:
        floor = json.loads((ROOT / "eval" / "floors.json").read_text())["extraction_en"]["f1"]
        ok = (
            means["pressespiegel"].f1 >= floor - 1e-9
            and means["pressespiegel"].f1 >= means["trafilatura"].f1 - 1e-9
        )
        if not ok:
            print(
                f"FAIL: F1 {means['pressespiegel'].f1:.3f} under the floor {floor} or under "
                f"trafilatura's {means['trafilatura'].f1:.3f}",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
