"""Benchmark of the whole `pressespiegel analyze` job on real German news (10kGNAD sample).

Converts ``../shared/data/gnad10k/articles.csv`` (``--data`` overrides) into a JSON Lines file,
then runs the real command line in a child process, three times:

1. ``analyze`` of all articles into a new SQLite store (ingest, annotation, storage, batch story
   clustering, every dossier, rendering): articles per second and peak memory;
2. ``analyze`` of one more article into that store: the time to add one article incrementally
   (it is assigned to a story without reclustering, and only its story's dossier is rebuilt);
3. the same article again: the time of a re-run with nothing new;

and, in this process with the models already loaded, the time the library needs to add one more
article to that store (store it, assign it to a story, rebuild that story's dossier), without
the process start and model loading that a command-line run pays each time.

    .venv/bin/python bench/story_bench.py [--limit N] [--jobs N] [--json]

Peak memory is the child's maximum resident set (``ru_maxrss``). The first run starts from an
empty per-user cache (``--user-cache`` keeps the real one): the decoded dictionaries and HanTa's
word analyses that a machine accumulates are then built during the run, as on a new machine.
When the data file is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "gnad10k" / "articles.csv"
csv.field_size_limit(16 * 1024 * 1024)

# An invented follow-up report, the one article added incrementally.
EXTRA = {
    "id": "bench-extra",
    "outlet": "Benchmark-Bote",
    "text": "Wien – Die Gewerkschaft hat ihr Online-Werkzeug für Arbeitsverträge erweitert. "
    "Beschäftigte können nun auch Überstunden und Zulagen eintragen, teilte eine "
    "Sprecherin am Montag mit. Seit dem Start hätten mehr als 20.000 Menschen das "
    "Angebot genutzt.",
}


def to_jsonl(data: Path, out: Path, limit: int | None) -> int:
    n = 0
    with data.open(encoding="utf-8", newline="") as fh, out.open("w", encoding="utf-8") as dst:
        for lineno, row in enumerate(csv.reader(fh, delimiter=";", quotechar="'"), start=1):
            if len(row) < 2 or not row[1].strip():
                continue
            if limit is not None and n >= limit:
                break
            dst.write(
                json.dumps({"id": f"gnad-{lineno}", "text": row[1]}, ensure_ascii=False) + "\n"
            )
            n += 1
    return n


def analyze(paths: list[Path], db: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Run the CLI in a child; (wall seconds, the child's peak RSS in MiB)."""
    cmd = [
        sys.executable,
        "-m",
        "pressespiegel.cli",
        "analyze",
        *map(str, paths),
        "--db",
        str(db),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "-q",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"analyze failed with exit code {proc.returncode}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: report it only when it grew.
    return wall, max(peak, before) / 1024


def add_in_process(db: Path) -> float:
    """Seconds to store one annotated article and update the stories, models loaded."""
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from pressespiegel import analyze_text
    from pressespiegel.app.stories import update_stories
    from pressespiegel.link import default_embedder
    from pressespiegel.store import Database

    text = EXTRA["text"].replace("Montag", "Dienstag").replace("20.000", "25.000")
    art = analyze_text(text, id="bench-extra-2")  # loads the tagger (not timed)
    default_embedder().encode(["warm-up"])  # loads the sentence encoder (not timed)
    with Database(db) as store:
        t0 = time.perf_counter()
        store.add_article(art)
        update_stories(store)
        return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--jobs", type=int, default=1, help="annotation worker processes")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--user-cache",
        action="store_true",
        help="use the per-user cache as it is (HanTa's word analyses of earlier "
        "runs, the decoded dictionaries); by default the first run starts "
        "from an empty one, as on a new machine, and the later runs use what "
        "it left there",
    )
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"data not found: {args.data}; nothing to benchmark", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.user_cache:
            os.environ["PRESSESPIEGEL_CACHE_DIR"] = str(work / "cache")
        src = work / "articles.jsonl"
        n = to_jsonl(args.data, src, args.limit)
        extra = work / "extra.jsonl"
        extra.write_text(json.dumps(EXTRA, ensure_ascii=False) + "\n", encoding="utf-8")
        db, out = work / "bench.db", work / "dossiers"
        full_s, full_mib = analyze([src], db, out, args.jobs)
        add_s, _ = analyze([extra], db, out, args.jobs)
        again_s, _ = analyze([extra], db, out, args.jobs)
        warm_s = add_in_process(db)
        import sqlite3

        con = sqlite3.connect(db)
        stories = con.execute("SELECT count(*), sum(n_articles > 1) FROM stories").fetchone()
        con.close()
        n_files = len(list(out.glob("s-*.html")))
    result: dict[str, Any] = {
        "articles": n,
        "jobs": args.jobs,
        "analyze_s": round(full_s, 1),
        "articles_per_s": round(n / full_s, 2),
        "peak_rss_mib": round(full_mib),
        "stories": stories[0],
        "stories_of_2_plus": stories[1],
        "dossier_files_html": n_files,
        "add_one_article_s": round(add_s, 2),
        "rerun_nothing_new_s": round(again_s, 2),
        "add_one_in_process_s": round(warm_s, 3),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for k, v in result.items():
            print(f"{k:24} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
