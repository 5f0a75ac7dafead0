"""Score story clustering on labelled German same-event pairs (10kGNAD and German Wikinews).

    python eval/pairs_de.py [--split dev|holdout|all] [--details] [--check] [--json]
                            [--no-cache] [--jobs N]

The gold pairs are ``eval/pairs_de/gnad10k.jsonl`` and ``eval/pairs_de/wikinews.jsonl`` (either
may be absent), one ``{"a", "b", "label", "split", "kind", "why"}`` per line: label 1 when both
articles report the same real-world event, 0 when they share only a topic, an actor or a place.
The split (about a third ``holdout``) was fixed by a hash of the pair's ids before any tuning.

Each corpus is clustered the way ``pressespiegel cluster`` does it: its articles are written as
JSON Lines (10kGNAD: all 1,028 articles of ``gnad10k/articles.csv`` as ``{"id", "text"}``;
Wikinews: every article of ``quotes_de/{train,dev}.jsonl`` as ``{"id", "text", "published"}``),
read with the CLI's reader, annotated with the CLI's default options and grouped into stories by
``cluster_articles``. A pair is predicted "same" when both articles land in one story. Annotation
is cached (pickled articles under ``~/.cache/pressespiegel-eval``, keyed by the input, the package
version and the annotating source files; ``--no-cache`` redoes it); clustering never is.

Beside it, the baseline: char n-gram TF-IDF (char_wb 3-5, sublinear, fitted on the corpus), "same"
when the cosine is at least t, with t chosen for the best F1 on the dev pairs and applied
unchanged to the requested split. ``--check`` compares overall precision and F1 on the dev split
with the floors in eval/floors.json under "pairs_de" and exits 1 below them. ``--details`` lists
the misclassified pairs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel import __version__  # noqa: E402
from pressespiegel.app.batch import Options, process  # noqa: E402
from pressespiegel.ingest import read_jsonl  # noqa: E402
from pressespiegel.model import Article  # noqa: E402
from pressespiegel.pipeline import stage_names  # noqa: E402

PAIRS_DIR = ROOT / "eval" / "pairs_de"
CORPORA = ("gnad10k", "wikinews")
FLOORS = ROOT / "eval" / "floors.json"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pressespiegel-eval"
SPLITS = ("dev", "holdout", "all")
_DOC = re.compile(r"^(\d+)\b.*\((\d{4}-\d{2}-\d{2})\)\s*$")
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class Pair:
    corpus: str
    a: str
    b: str
    label: int
    split: str
    kind: str


# -- data --------------------------------------------------------------------------------------
def load_pairs(pairs_dir: Path = PAIRS_DIR) -> list[Pair]:
    """Every labelled pair of the corpora whose file exists."""
    pairs: list[Pair] = []
    for corpus in CORPORA:
        path = pairs_dir / f"{corpus}.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    pairs.append(
                        Pair(corpus, d["a"], d["b"], int(d["label"]), d["split"], d.get("kind", ""))
                    )
    return pairs


def gnad_records(data: Path) -> list[dict[str, Any]]:
    """All 10kGNAD articles, numbered by their line in the CSV as bench/story_bench.py does."""
    out: list[dict[str, Any]] = []
    with data.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter=";", quotechar="'"), start=1):
            if len(row) < 2 or not row[1].strip():
                continue
            out.append({"id": f"gnad-{lineno}", "text": row[1]})
    return out


def wikinews_records(folder: Path) -> list[dict[str, Any]]:
    """All Wikinews articles of the quotation corpus (train and dev), dated by their title."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in ("train.jsonl", "dev.jsonl"):
        path = folder / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                d = json.loads(line)
                m = _DOC.match(d["document"].strip())
                if m is None:
                    continue
                ident = f"wikinews-{m.group(1)}"
                if ident in seen:
                    continue
                seen.add(ident)
                out.append({"id": ident, "text": d["text"], "published": m.group(2)})
    return out


def corpus_records(corpus: str) -> list[dict[str, Any]]:
    data = shared_dir() / "data"
    if corpus == "gnad10k":
        path = data / "gnad10k" / "articles.csv"
        return gnad_records(path) if path.exists() else []
    return wikinews_records(data / "quotes_de")


# -- annotation (cached) and clustering (never cached) -----------------------------------------
def _cache_key(payload: bytes) -> str:
    key = hashlib.sha256(payload)
    key.update(json.dumps([__version__, stage_names(clean=True)]).encode())
    # The code and the models (data/: the tagger, the NER): annotation does not depend on the
    # link layer.
    for src in sorted((ROOT / "src" / "pressespiegel").rglob("*")):
        if src.is_file() and "link" not in src.parts and "__pycache__" not in src.parts:
            key.update(src.read_bytes())
    return key.hexdigest()[:16]


def annotate_records(
    records: Sequence[dict[str, Any]], name: str, *, use_cache: bool = True, jobs: int = 1
) -> tuple[list[Article], bool]:
    """The records annotated as ``pressespiegel cluster`` does; (articles, read from cache)."""
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    cache = CACHE / f"pairs_de-{name}-{_cache_key(payload)}.pickle"
    if use_cache and cache.exists():
        with cache.open("rb") as fh:
            return pickle.load(fh), True
    items = read_jsonl(io.BytesIO(payload), f"{name}.jsonl")
    arts = [
        o.article
        for o in process(items, options=Options(), jobs=jobs, db=None)
        if o.status != "failed"
    ]
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(arts, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cache)
    return arts, False


def story_of(arts: Sequence[Article]) -> dict[str, str]:
    """Article id -> story id, from the same call the CLI's cluster command makes."""
    from pressespiegel.link import cluster_articles

    return {a: st.id for st in cluster_articles(list(arts)) for a in st.articles}


def char_similarity(records: Sequence[dict[str, Any]], pairs: Iterable[Pair]) -> dict[Pair, float]:
    """Baseline cosine of char n-gram TF-IDF vectors fitted on the corpus."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    index = {r["id"]: i for i, r in enumerate(records)}
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    x = vec.fit_transform([r["text"] for r in records])
    return {p: float(x[index[p.a]].multiply(x[index[p.b]]).sum()) for p in pairs}


# -- scoring -----------------------------------------------------------------------------------
def prf(gold: Sequence[int], pred: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def best_threshold(pairs: Sequence[Pair], sim: dict[Pair, float]) -> float:
    """The cosine threshold with the best F1 on these pairs (the lowest of equal ones)."""
    best_t, best_f = 1.0, -1.0
    for t in sorted({round(sim[p], 4) for p in pairs}):
        f = prf([p.label for p in pairs], [sim[p] >= t for p in pairs])[2]
        if f > best_f:
            best_t, best_f = t, f
    return best_t


def in_split(p: Pair, split: str) -> bool:
    return split == "all" or p.split == split


@dataclass
class Run:
    """Predictions of one evaluation: the clusterer's and the baseline's, for every pair."""

    pairs: list[Pair]
    same: dict[Pair, bool]
    sim: dict[Pair, float]
    threshold: float
    seconds: dict[str, float]
    cached: dict[str, bool]


def run(*, use_cache: bool = True, jobs: int = 1, pairs_dir: Path = PAIRS_DIR) -> Run:
    """Annotate (or load) and cluster every corpus that has pairs; predict every pair."""
    pairs = load_pairs(pairs_dir)
    same: dict[Pair, bool] = {}
    sim: dict[Pair, float] = {}
    seconds: dict[str, float] = {}
    cached: dict[str, bool] = {}
    kept: list[Pair] = []
    for corpus in CORPORA:
        mine = [p for p in pairs if p.corpus == corpus]
        if not mine:
            continue
        records = corpus_records(corpus)
        known = {r["id"] for r in records}
        missing = [p for p in mine if p.a not in known or p.b not in known]
        if missing:
            print(
                f"{corpus}: {len(missing)} pair(s) name articles not in the data; left out",
                file=sys.stderr,
            )
        mine = [p for p in mine if p.a in known and p.b in known]
        if not mine:
            continue
        t0 = time.perf_counter()
        arts, cached[corpus] = annotate_records(records, corpus, use_cache=use_cache, jobs=jobs)
        t1 = time.perf_counter()
        stories = story_of(arts)
        t2 = time.perf_counter()
        seconds[f"{corpus} annotate"] = round(t1 - t0, 1)
        seconds[f"{corpus} cluster"] = round(t2 - t1, 1)
        for p in mine:
            sa, sb = stories.get(p.a), stories.get(p.b)
            same[p] = sa is not None and sa == sb
        sim.update(char_similarity(records, mine))
        kept.extend(mine)
    dev = [p for p in kept if p.split == "dev"]
    threshold = best_threshold(dev, sim) if dev else 1.0
    return Run(kept, same, sim, threshold, seconds, cached)


def scores(r: Run, split: str) -> dict[str, float]:
    """P/R/F1 of the clusterer and the baseline on a split, overall and per corpus."""
    out: dict[str, float] = {}
    groups: list[tuple[str, list[Pair]]] = [("", [p for p in r.pairs if in_split(p, split)])]
    groups += [
        (f"{c} ", [p for p in r.pairs if p.corpus == c and in_split(p, split)]) for c in CORPORA
    ]
    for prefix, ps in groups:
        if prefix and not ps:
            continue
        gold = [p.label for p in ps]
        p_, r_, f_ = prf(gold, [r.same[p] for p in ps])
        bp, br, bf = prf(gold, [r.sim[p] >= r.threshold for p in ps])
        out.update(
            {
                f"{prefix}precision": p_,
                f"{prefix}recall": r_,
                f"{prefix}f1": f_,
                f"{prefix}baseline precision": bp,
                f"{prefix}baseline recall": br,
                f"{prefix}baseline f1": bf,
                f"{prefix}pairs": float(len(ps)),
                f"{prefix}positives": float(sum(gold)),
            }
        )
    out["baseline t"] = r.threshold
    return out


def score(split: str = "dev", *, use_cache: bool = True) -> dict[str, float]:
    """Scores of the story clustering and the baseline on a split of the labelled pairs.

    Keys: "precision", "recall", "f1", "baseline precision", "baseline recall", "baseline f1",
    "baseline t", "pairs", "positives", and the same prefixed by the corpus ("gnad10k f1", ...).
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    return scores(run(use_cache=use_cache), split)


def false_by_kind(r: Run, split: str) -> dict[str, tuple[int, int]]:
    """Per kind: (pairs the clusterer got wrong, pairs) on a split."""
    wrong: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for p in r.pairs:
        if in_split(p, split):
            key = f"{p.corpus} {p.kind}"
            total[key] += 1
            wrong[key] += int(r.same[p] != bool(p.label))
    return {k: (wrong[k], total[k]) for k in sorted(total)}


# -- command line ------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--details", action="store_true", help="list the misclassified pairs")
    ap.add_argument(
        "--check", action="store_true", help="exit 1 when dev precision or F1 is under the floor"
    )
    ap.add_argument("--no-cache", action="store_true", help="annotate again, ignoring the cache")
    ap.add_argument("--jobs", type=int, default=1, help="annotation worker processes")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    if not load_pairs():
        print(f"no labelled pairs in {PAIRS_DIR}; nothing to score", file=sys.stderr)
        return 0
    t0 = time.perf_counter()
    r = run(use_cache=not args.no_cache, jobs=args.jobs)
    if not r.pairs:
        print(
            "the articles of the labelled pairs are not in the shared data; nothing to score",
            file=sys.stderr,
        )
        return 0
    res = scores(r, args.split)
    wall = time.perf_counter() - t0
    if args.json:
        print(
            json.dumps(
                {
                    "split": args.split,
                    **{k: round(v, 4) for k, v in res.items()},
                    "seconds": {**r.seconds, "total": round(wall, 1)},
                    "cached": r.cached,
                },
                indent=1,
            )
        )
    else:
        print(f"split: {args.split}  (baseline t = {r.threshold:.4f}, chosen on dev)")
        print(
            f"{'':10} {'pairs':>5} {'pos':>4}   {'P':>5} {'R':>5} {'F1':>5}   "
            f"{'base P':>6} {'base R':>6} {'base F1':>7}"
        )
        for prefix, name in [("", "overall"), *[(f"{c} ", c) for c in CORPORA]]:
            if f"{prefix}pairs" not in res:
                continue
            print(
                f"{name:10} {res[prefix + 'pairs']:5.0f} {res[prefix + 'positives']:4.0f}   "
                f"{res[prefix + 'precision']:5.3f} {res[prefix + 'recall']:5.3f} "
                f"{res[prefix + 'f1']:5.3f}   {res[prefix + 'baseline precision']:6.3f} "
                f"{res[prefix + 'baseline recall']:6.3f} {res[prefix + 'baseline f1']:7.3f}"
            )
        print("wrong / pairs by kind (clusterer):")
        for kind, (wrong, total) in false_by_kind(r, args.split).items():
            print(f"  {kind:45} {wrong:3} / {total}")
        print(
            "seconds: "
            + ", ".join(f"{k} {v}" for k, v in r.seconds.items())
            + f", total {wall:.1f}; annotation from cache: "
            + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in r.cached.items())
        )
    if args.details:
        print("misclassified pairs (a, b, gold, predicted, kind, char cosine):")
        for p in r.pairs:
            if in_split(p, args.split) and r.same[p] != bool(p.label):
                print(
                    f"  {p.a:16} {p.b:16} gold {p.label} pred {int(r.same[p])}  {p.kind:28} "
                    f"{r.sim[p]:.3f}"
                )
    if args.check:
        dev = scores(r, "dev") if args.split != "dev" else res
        floors = {}
        if FLOORS.exists():
            floors = json.loads(FLOORS.read_text(encoding="utf-8")).get("pairs_de", {})
        failed = False
        for key in ("precision", "f1"):
            floor = floors.get(key)
            if floor is None:
                print(
                    f"no floor stored for pairs_de / {key}; dev {key} is {dev[key]:.4f}",
                    file=sys.stderr,
                )
            elif dev[key] < floor:
                print(f"FAIL: dev {key} {dev[key]:.4f} < floor {floor}", file=sys.stderr)
                failed = True
            else:
                print(f"ok: dev {key} {dev[key]:.4f} >= floor {floor}", file=sys.stderr)
        if failed:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
