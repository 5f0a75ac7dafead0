"""Speed, load time and memory of the German NER (the trained model with the rules beside it).

    .venv/bin/python bench/ner_bench.py [--limit 200] [--data FILE] [--json]

Prints:

- load time: a fresh process imports the backend, opens the model and tags one sentence (the
  word classes, the SentencePiece tokenizer and the gazetteers are all loaded lazily by then);
- memory: the resident size that process grew by;
- sentences per second of the NER stage on real German news (10kGNAD), on one process and on
  two (the machine's two cores, articles split between two worker processes), for the whole
  backend and for the CRF alone. Sentences, tokens and POS tags are made beforehand by the
  pipeline's own stages and are not timed: they are shared with every other stage.

When the data file is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "gnad10k" / "articles.csv"
csv.field_size_limit(16 * 1024 * 1024)

_LOAD = """
import resource, time
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
before = rss()
t0 = time.perf_counter()
from pressespiegel.extract.ner_model import TrainedNER
from pressespiegel.extract.ner_train import sentence_article
art = sentence_article(["Der", "Minister", "reiste", "nach", "Kiew", "."])
t1 = time.perf_counter()
TrainedNER()(art)
t2 = time.perf_counter()
print(t2 - t1, rss() - before)
"""


def load_cost() -> tuple[float, float]:
    """Seconds to load the backend and tag one sentence, and MiB it adds (fresh process)."""
    out = subprocess.run(
        [sys.executable, "-c", _LOAD],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT / "src")},
    )
    seconds, mib = out.stdout.split()
    return float(seconds), float(mib)


def read_articles(path: Path, limit: int) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))
    return [row[1] for row in rows if len(row) > 1][:limit]


def _prepared(texts: list[str]) -> list[Any]:
    """The articles up to the tokens stage (cleaning, sentences, tokens and POS tags)."""
    from pressespiegel import Article, Pipeline
    from pressespiegel.pipeline import stage_names

    names = stage_names()
    pipe = Pipeline(names[: names.index("entities")])
    return [pipe(Article(id=str(i), text=t, language="de")) for i, t in enumerate(texts)]


def _run(texts: list[str], crf_only: bool) -> tuple[int, float]:
    """Sentences tagged and seconds spent by the NER alone, in this process."""
    from pressespiegel.extract.ner_model import TrainedNER

    arts = _prepared(texts)
    ner = TrainedNER()
    ner(arts[0])  # the model loads outside the clock
    t0 = time.perf_counter()
    n = 0
    for art in arts:
        if crf_only:
            ner.model_spans(art)
        else:
            ner(art)
        n += len(art.sentences)
    return n, time.perf_counter() - t0


def throughput(texts: list[str], workers: int, crf_only: bool) -> float:
    if workers == 1:
        n, s = _run(texts, crf_only)
        return n / s
    halves = [texts[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_run, halves, [crf_only] * workers))
    # Both ran at once: the wall time is the slower one's.
    return sum(n for n, _ in results) / max(s for _, s in results)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=200, help="articles (default: 200)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.data.is_file():
        print(f"no data at {args.data}; nothing measured")
        return 0
    texts = read_articles(args.data, args.limit)
    load_s, load_mib = load_cost()
    out = {
        "articles": len(texts),
        "load_seconds": round(load_s, 2),
        "load_mib": round(load_mib),
        "sentences_per_s_1_process": round(throughput(texts, 1, False)),
        "sentences_per_s_2_processes": round(throughput(texts, 2, False)),
        "crf_only_sentences_per_s_1_process": round(throughput(texts, 1, True)),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:38} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
