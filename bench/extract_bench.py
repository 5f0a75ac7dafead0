"""Throughput benchmark of the per-article pipeline on real German news (10kGNAD sample).

Runs every stage of ``pressespiegel.pipeline.default_pipeline()`` over the articles of
``../shared/data/gnad10k/articles.csv`` (relative to the repository root; ``--data`` overrides)
and prints articles, sentences and tokens per second, peak memory, the time of the first article
(where lazily loaded models are paid for) and a table of time per stage.

    .venv/bin/python bench/extract_bench.py --limit 200 [--json] [--tracemalloc] [--user-cache]
    .venv/bin/python bench/extract_bench.py --one-text 1000000 --user-cache

``--one-text BYTES`` measures one long document instead: the articles joined into one text of
about that size, after one article alone that pays for the models (the "steady state" is then
the long text alone).

The run starts from an empty per-user cache (``--user-cache`` uses the real one, with the HanTa
word analyses that earlier runs left there: a second run over the same articles then measures a
machine that has seen their words).

The stages are timed by running the library's own ``Pipeline.__call__`` on a copy of the default
pipeline whose stage functions are wrapped in timers, so error handling and skipping behave exactly
as in production and no library file is touched. When the data file is absent the script says so
and exits 0, so it can sit in CI on machines without the shared data.
"""

from __future__ import annotations

import argparse
import copy
import csv
import dataclasses
import json
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "gnad10k" / "articles.csv"

# Some articles in 10kGNAD are longer than the csv module's default field limit of 128 KiB would
# allow in principle; raise it so one long row never aborts the run.
csv.field_size_limit(16 * 1024 * 1024)


@dataclasses.dataclass
class StageClock:
    """Accumulated wall time of one stage: the first article apart, the rest summed."""

    name: str
    first_s: float = 0.0
    rest_s: float = 0.0
    calls: int = 0
    raised: int = 0


def read_articles(path: Path, limit: int | None) -> Iterator[tuple[str, str, str]]:
    """Yield ``(id, label, text)`` from the ``;``-separated, ``'``-quoted 10kGNAD file."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";", quotechar="'")
        n = 0
        for lineno, row in enumerate(reader, start=1):
            if len(row) < 2 or not row[1].strip():
                continue  # a malformed or empty row is not worth stopping a benchmark for
            if limit is not None and n >= limit:
                return
            n += 1
            yield f"gnad-{lineno}", row[0], row[1]


def one_text(path: Path, size: int) -> Iterator[tuple[str, str, str]]:
    """The first article alone (the run's first article, which pays for the models), then the
    articles joined by blank lines into one text of about ``size`` bytes: a long document."""
    parts: list[str] = []
    n = 0
    for art_id, label, text in read_articles(path, None):
        if not parts:
            yield art_id, label, text
        parts.append(text)
        n += len(text.encode("utf-8")) + 2
        if n >= size:
            break
    yield f"joined-{len(parts)}", "joined", "\n\n".join(parts)


def timed_pipeline(
    clocks: dict[str, StageClock], state: dict[str, bool], tagger: str = "fast"
) -> Any:
    """A copy of the default pipeline whose stage functions record their wall time."""
    from pressespiegel.pipeline import default_pipeline

    base = default_pipeline(tagger=tagger)
    pipe = copy.copy(base)  # the cached pipeline itself stays untouched

    def wrap(info: Any) -> Any:
        clock = clocks.setdefault(info.name, StageClock(info.name))
        func = info.func

        def run(article: Any) -> Any:
            t0 = time.perf_counter()
            ok = False
            try:
                result = func(article)
                ok = True
                return result
            finally:
                dt = time.perf_counter() - t0
                if state["first"]:
                    clock.first_s += dt
                else:
                    clock.rest_s += dt
                clock.calls += 1
                if not ok:
                    clock.raised += 1

        return dataclasses.replace(info, func=run)

    pipe.stages = [wrap(info) for info in base.stages]
    return pipe


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run(
    data: Path,
    limit: int | None,
    use_tracemalloc: bool,
    tagger: str = "fast",
    joined: int | None = None,
) -> dict[str, Any]:
    if use_tracemalloc:
        tracemalloc.start()
    t_import = time.perf_counter()
    from pressespiegel.model import Article

    clocks: dict[str, StageClock] = {}
    state = {"first": True}
    pipe = timed_pipeline(clocks, state, tagger)
    import_s = time.perf_counter() - t_import

    n = n_sent = n_tok = n_chars = 0
    first = {"s": 0.0, "sentences": 0, "tokens": 0}
    found: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    t_all = time.perf_counter()
    source = read_articles(data, limit) if joined is None else one_text(data, joined)
    for art_id, _label, text in source:
        t0 = time.perf_counter()
        art = pipe(Article(id=art_id, text=text))
        dt = time.perf_counter() - t0
        sents, toks = len(art.sentences), len(art.tokens)
        if state["first"]:
            first = {"s": dt, "sentences": sents, "tokens": toks}
            state["first"] = False
        else:
            n_sent += sents
            n_tok += toks
            n_chars += len(text)
        n += 1
        for what in ("entities", "quotes", "figures", "dates", "labels", "damage", "removed"):
            found[what] += len(getattr(art, what))
        for err in art.errors:
            errors[f"{err.stage} {err.code}"] += 1
    total_s = time.perf_counter() - t_all

    rest_n = max(n - 1, 0)
    rest_s = max(total_s - first["s"], 1e-9)
    stage_rest_total = sum(c.rest_s for c in clocks.values()) or 1e-9
    result: dict[str, Any] = {
        "data": str(data),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        # Load on the machine during the run: numbers taken next to other busy processes are slower.
        "loadavg_1min_end": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "articles": n,
        "import_s": round(import_s, 4),
        "first_article_s": round(first["s"], 4),
        "total_s": round(total_s, 4),
        # Steady state: everything after the first article, whose time is mostly model loading.
        "steady": {
            "articles": rest_n,
            "articles_per_s": round(rest_n / rest_s, 2) if rest_n else None,
            "sentences_per_s": round(n_sent / rest_s, 1) if rest_n else None,
            "tokens_per_s": round(n_tok / rest_s, 1) if rest_n else None,
            "chars_per_s": round(n_chars / rest_s, 1) if rest_n else None,
            "sentences": n_sent,
            "tokens": n_tok,
        },
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "stages": [
            {
                "stage": c.name,
                "first_article_ms": round(c.first_s * 1000, 2),
                "ms_per_article": round(c.rest_s * 1000 / rest_n, 3) if rest_n else None,
                "total_s": round(c.rest_s, 4),
                "share_pct": round(100 * c.rest_s / stage_rest_total, 1),
                "raised": c.raised,
            }
            for c in clocks.values()
        ],
        "found": dict(found),
        "errors": dict(errors.most_common()),
    }
    if use_tracemalloc:
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result["tracemalloc_peak_mib"] = round(peak / (1024 * 1024), 1)
    return result


def print_report(r: dict[str, Any]) -> None:
    s = r["steady"]
    print(f"data: {r['data']}")
    print(
        f"articles: {r['articles']}  (python {r['python']}, {r['cpus']} CPUs, "
        f"1-min load average at the end: {r['loadavg_1min_end']})"
    )
    print(f"import + pipeline build: {r['import_s']:.3f} s")
    print(f"first article (includes lazy model loads): {r['first_article_s']:.3f} s")
    print(f"total: {r['total_s']:.3f} s")
    if s["articles"]:
        print(
            f"steady state over {s['articles']} articles: {s['articles_per_s']} articles/s, "
            f"{s['sentences_per_s']} sentences/s, {s['tokens_per_s']} tokens/s, "
            f"{s['chars_per_s']} chars/s"
        )
    print(f"peak RSS: {r['peak_rss_mib']} MiB", end="")
    if "tracemalloc_peak_mib" in r:
        print(f"  (tracemalloc peak: {r['tracemalloc_peak_mib']} MiB)", end="")
    print()
    print()
    header = (
        f"{'stage':<12} {'first ms':>10} {'ms/article':>11} {'total s':>9} {'share':>7} "
        f"{'raised':>7}"
    )
    print(header)
    print("-" * len(header))
    for st in r["stages"]:
        per = "-" if st["ms_per_article"] is None else f"{st['ms_per_article']:.3f}"
        print(
            f"{st['stage']:<12} {st['first_article_ms']:>10.2f} {per:>11} "
            f"{st['total_s']:>9.3f} {st['share_pct']:>6.1f}% {st['raised']:>7}"
        )
    print()
    print("found: " + ", ".join(f"{k} {v}" for k, v in r["found"].items()))
    if r["errors"]:
        print(
            "errors (stage code: count): " + ", ".join(f"{k}: {v}" for k, v in r["errors"].items())
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="10kGNAD-style csv (label;text, quotechar ')",
    )
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    ap.add_argument(
        "--tagger",
        default="fast",
        choices=["hanta", "fast"],
        help="the German tagger the pipeline uses (default: fast, as analyze)",
    )
    ap.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also trace Python allocations (slows the run down several times)",
    )
    ap.add_argument(
        "--user-cache",
        action="store_true",
        help="use the per-user cache as it is (HanTa's word analyses of earlier "
        "runs, the decoded dictionaries); by default the run starts from an "
        "empty one, as on a new machine",
    )
    ap.add_argument(
        "--one-text",
        type=int,
        default=None,
        metavar="BYTES",
        help="instead: one text of about BYTES bytes (articles joined), after one "
        "article alone that loads the models; e.g. 1000000",
    )
    args = ap.parse_args(argv)
    fresh = None if args.user_cache else tempfile.TemporaryDirectory(prefix="pressespiegel-")
    if fresh is not None:
        os.environ["PRESSESPIEGEL_CACHE_DIR"] = fresh.name
    if not args.data.is_file():
        print(f"skipped: data file {args.data} not found (pass --data PATH)")
        return 0
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")
    result = run(args.data, args.limit, args.tracemalloc, args.tagger, args.one_text)
    if result["articles"] == 0:
        print(f"skipped: no articles could be read from {args.data}")
        return 0
    print_report(result)
    if args.json:
        print()
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
