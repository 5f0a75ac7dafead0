"""Score story clustering on ECB+ (982 English news docs; gold story = subtopic).

    python eval/ecbplus.py [--data FILE] [--limit N] [--null-embedder] [--sweep] [--json] [--check]

Each doc is annotated exactly as ``pressespiegel cluster`` does it (the record ``{"id", "text"}``
read by the CLI's JSON Lines reader, the default pipeline with cleaning and language detection),
cached as JSON lines under ~/.cache/pressespiegel (keyed by a hash of the data and the annotating
code), clustered by the same call the CLI makes (``cluster_articles`` with the calibrated
defaults), and scored with BCubed precision/recall/F1: the number is the CLI's. The plain
baseline (word TF-IDF + average linkage at its best threshold) is scored in the same run. ECB+ has
no publication dates, so the time signal is absent. --check exits 1 when our F1 is under the floor
in eval/floors.json ("ecbplus" -> "bcubed f1"). --sweep prints F1 over neighbouring weights and
thresholds (the sensitivity of the calibration).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel.app.batch import Options, process  # noqa: E402
from pressespiegel.ingest import read_jsonl  # noqa: E402
from pressespiegel.link import cluster_articles  # noqa: E402
from pressespiegel.link.cluster import (  # noqa: E402
    Counts,
    Features,
    Weights,
    combine,
    linkage_labels,
    signals,
)
from pressespiegel.link.duplicates import near_duplicates  # noqa: E402
from pressespiegel.link.embed import Embedder, NullEmbedder, default_embedder  # noqa: E402
from pressespiegel.model import Article  # noqa: E402
from pressespiegel.pipeline import stage_names  # noqa: E402

FLOORS = ROOT / "eval" / "floors.json"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pressespiegel"


def data_path() -> Path:
    return shared_dir() / "data" / "ecbplus" / "ecbplus_docs.jsonl"


def load_docs(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit] if limit else docs


def annotated(
    docs: Sequence[dict[str, Any]], path: Path, jobs: int = 1
) -> tuple[list[Article], float | None]:
    """The docs annotated by the pipeline, from the cache when the data and stages are unchanged.

    Returns the articles and the annotation speed (docs/s), None when read from the cache.
    """
    key = hashlib.sha256()
    key.update(path.read_bytes())
    key.update(json.dumps([stage_names(clean=True), len(docs), "cli"]).encode())
    # The code and the models (data/: the tagger, the NER): annotation does not depend on the
    # link layer.
    for src in sorted((ROOT / "src" / "pressespiegel").rglob("*")):
        if src.is_file() and "link" not in src.parts and "__pycache__" not in src.parts:
            key.update(src.read_bytes())
    cache = CACHE / f"ecbplus-{key.hexdigest()[:16]}.jsonl"
    if cache.exists():
        with cache.open(encoding="utf-8") as fh:
            return [Article.from_dict(json.loads(line)) for line in fh], None
    t0 = time.perf_counter()
    payload = "".join(
        json.dumps({"id": d["doc_name"], "text": d["text"]}, ensure_ascii=False) + "\n"
        for d in docs
    ).encode("utf-8")
    items = read_jsonl(io.BytesIO(payload), "ecbplus.jsonl")
    arts = [o.article for o in process(items, options=Options(), jobs=jobs, db=None)]
    speed = len(arts) / (time.perf_counter() - t0)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for a in arts:
            fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    tmp.replace(cache)
    return arts, speed


def bcubed(pred: Sequence[int] | Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering against gold labels."""
    p_arr, g_arr = np.asarray(pred), np.asarray(gold)
    prec = rec = 0.0
    for i in range(len(p_arr)):
        same_p = p_arr == p_arr[i]
        same_g = g_arr == g_arr[i]
        both = float(np.sum(same_p & same_g))
        prec += both / float(np.sum(same_p))
        rec += both / float(np.sum(same_g))
    n = len(p_arr)
    p, r = prec / n, rec / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline(arts: Sequence[Article], gold: Sequence[str]) -> tuple[float, tuple[float, ...]]:
    """Plain word TF-IDF (sklearn defaults) + average linkage at its best threshold."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform([a.text for a in arts])
    sim = np.asarray((x @ x.T).todense())
    best = (0.0, (0.0, 0.0, 0.0))
    for t in np.arange(0.02, 0.5, 0.01):
        score = bcubed(linkage_labels(sim, float(t)).tolist(), gold)
        if score[2] > best[1][2]:
            best = (float(t), score)
    return best


def cluster_labels(
    arts: Sequence[Article], sig: dict[str, np.ndarray], dups: dict[str, str], w: Weights
) -> list[int]:
    """Labels for all docs: originals by the combined similarity, duplicates with their original."""
    orig_ids = [a.id for a in arts if a.id not in dups]
    labels = linkage_labels(combine(sig, w), w.threshold)
    lab = dict(zip(orig_ids, labels.tolist(), strict=True))
    return [lab[dups.get(a.id, a.id)] for a in arts]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None, help="only the first N docs")
    ap.add_argument("--null-embedder", action="store_true", help="words + entities only")
    ap.add_argument("--sweep", action="store_true", help="F1 over neighbouring settings")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help="exit 1 when F1 is under the floor")
    ap.add_argument("--jobs", type=int, default=1, help="annotation processes")
    args = ap.parse_args(argv)

    path = args.data or data_path()
    if not path.exists():
        print(f"ECB+ data not found: {path}", file=sys.stderr)
        return 2
    docs = load_docs(path, args.limit)
    gold = [str(d["subtopic"]) for d in docs]
    arts, ann_speed = annotated(docs, path, args.jobs)

    embedder: Embedder = NullEmbedder() if args.null_embedder else default_embedder()
    t0 = time.perf_counter()
    dups = near_duplicates(arts)
    originals = [a for a in arts if a.id not in dups]
    feats = Features.of(originals, embedder)
    t_feat = time.perf_counter() - t0
    sig = signals(feats, feats, Counts.of(feats))
    w = Weights()
    # The reported number comes from the CLI's own call; the signals above serve the sweep.
    story_of = {
        a: st.id for st in cluster_articles(arts, embedder=embedder, weights=w) for a in st.articles
    }
    labels = [story_of[a.id] for a in arts]
    t_total = time.perf_counter() - t0
    p, r, f = bcubed(labels, gold)
    bt, (bp, br, bf) = baseline(arts, gold)

    result: dict[str, Any] = {
        "docs": len(arts),
        "gold stories": len(set(gold)),
        "stories": len(set(labels)),
        "near-duplicates": len(dups),
        "bcubed precision": round(p, 4),
        "bcubed recall": round(r, 4),
        "bcubed f1": round(f, 4),
        "weights": {k: getattr(w, k) for k in Weights.__slots__},
        "baseline": {
            "threshold": round(bt, 2),
            "bcubed precision": round(bp, 4),
            "bcubed recall": round(br, 4),
            "bcubed f1": round(bf, 4),
        },
        "cluster docs/s": round(len(arts) / t_total, 1),
        "features s": round(t_feat, 1),
        "annotate docs/s": round(ann_speed, 1) if ann_speed else "cached",
    }
    if args.sweep:
        rows = []
        d = Weights()
        grid = itertools.product(
            [0.0, d.names / 2, d.names, d.names * 2],
            [0.0, d.embed, d.embed * 2, d.embed * 4],
            [0.0, d.entity, d.entity * 2],
            np.arange(d.threshold - 0.06, d.threshold + 0.07, 0.02),
        )
        for wn, we, wt, t in grid:
            sw = Weights(names=wn, embed=we, entity=wt, threshold=round(float(t), 2))
            score = bcubed(cluster_labels(arts, sig, dups, sw), gold)
            rows.append(
                {
                    "names": wn,
                    "embed": we,
                    "entity": wt,
                    "threshold": sw.threshold,
                    "p": round(score[0], 4),
                    "r": round(score[1], 4),
                    "f1": round(score[2], 4),
                }
            )
        result["sweep"] = rows
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for k, v in result.items():
            if k == "sweep":
                print("sweep (weights names, embed, entity; threshold: P R F1):")
                for row in v:
                    print(
                        f"  {row['names']:.2f} {row['embed']:.2f} {row['entity']:.2f}; "
                        f"{row['threshold']:.2f}: {row['p']:.3f} {row['r']:.3f} {row['f1']:.3f}"
                    )
            else:
                print(f"{k}: {v}")
    if args.check:
        floors = json.loads(FLOORS.read_text(encoding="utf-8")).get("ecbplus", {})
        floor = floors.get("bcubed f1")
        if floor is None:
            print("no floor stored for ecbplus / bcubed f1", file=sys.stderr)
        elif f < floor:
            print(f"FAIL: bcubed f1 {f:.4f} < floor {floor}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
