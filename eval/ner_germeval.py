"""Score the German NER with k-fold cross-validation on the GermEval 2014 dev file.

    python eval/ner_germeval.py [--data DIR] [--folds 5] [--workers 2] [--with CORPUS ...]
                                [--json] [--check]

Each fold trains the model exactly as ``pressespiegel train-ner`` does, on GermEval minus that
fold, and tags the held-out sentences twice: with the CRF alone, and with the NER as the
pipeline runs it (CRF with the rules' spans as features, then merged with them). Scores are
entity-level, exact span and label, micro-averaged over all folds: PER, ORG, LOC and their
total (the headline), MISC (GermEval's OTH) apart. GermEval's -deriv and -part tags are not
entities here (see ``pressespiegel.extract.ner_train``). The piece classes are the shipped
ones: they come from the USE package alone, never from GermEval. --check exits 1 when the pipeline's
PER/ORG/LOC F1 is under the floor in eval/floors.json ("ner_germeval" -> "f1"). --with adds a
corpus's sentences to training, beside the recipe's (an experiment; see ner_train.CORPORA for the
names).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel.extract.ner_features import CLASSES_FILE  # noqa: E402
from pressespiegel.extract.ner_model import model_dir  # noqa: E402
from pressespiegel.extract.ner_train import (  # noqa: E402
    CORPORA,
    LABELS,
    PRF,
    FoldResult,
    TrainConfig,
    clusters_option,
    cross_validate,
    score,
    shipped_clusters,
)

FLOORS = ROOT / "eval" / "floors.json"
SHIPPED_CLUSTERS = shipped_clusters()


def evaluate(
    data: Path,
    k: int = 5,
    workers: int = 2,
    extra: tuple[str, ...] = (),
    quiet: bool = False,
    clusters: Path | None = SHIPPED_CLUSTERS,
) -> dict[str, dict[str, PRF]]:
    """Scores of the CRF alone ("model"), the pipeline's NER ("pipeline") and the rules alone;
    ``clusters``: the word-cluster table the folds' models read (None: without)."""
    config = TrainConfig()
    config.extra = tuple(dict.fromkeys([*config.extra, *extra]))
    log = (lambda _m: None) if quiet else (lambda m: print(m, file=sys.stderr))
    results: list[FoldResult] = cross_validate(
        data, config, model_dir() / CLASSES_FILE, clusters, k, workers, log
    )
    gold = [g for r in results for g in r.gold]
    return {
        "model": score(gold, [p for r in results for p in r.model]),
        "pipeline": score(gold, [p for r in results for p in r.backend]),
        "rules": score(gold, [p for r in results for p in r.rules]),
    }


def as_dict(scores: dict[str, dict[str, PRF]]) -> dict[str, dict[str, dict[str, float]]]:
    return {
        system: {
            lab: {
                "precision": round(v.precision, 4),
                "recall": round(v.recall, 4),
                "f1": round(v.f1, 4),
                "gold": v.tp + v.fn,
            }
            for lab, v in by_label.items()
        }
        for system, by_label in scores.items()
    }


def print_table(
    scores: dict[str, dict[str, PRF]],
    labels: tuple[str, ...] = ("PER", "ORG", "LOC", "ALL", "MISC"),
) -> None:
    width = max(10, *(len(s) for s in scores))
    print(f"{'system':{width}} {'label':11} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for system, by_label in scores.items():
        for lab in labels:
            v = by_label[lab]
            name = "PER+ORG+LOC" if lab == "ALL" else lab
            print(
                f"{system:{width}} {name:11} {v.precision:6.3f} {v.recall:6.3f} {v.f1:6.3f} "
                f"{v.tp + v.fn:6d}"
            )


def under_floor(key: str, f1: float) -> bool:
    """Whether ``f1`` is under the floor ``key`` -> "f1" of eval/floors.json (says so)."""
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))[key]["f1"]
    if f1 < floor - 1e-9:
        print(f"FAIL: PER/ORG/LOC F1 {f1:.3f} is under the floor {floor:.3f}", file=sys.stderr)
        return True
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: ../shared/data or $PRESSESPIEGEL_SHARED/data)",
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2, help="folds trained at a time")
    ap.add_argument(
        "--with",
        dest="extra",
        action="append",
        default=[],
        choices=sorted(CORPORA),
        help="add this corpus's sentences to training (repeatable)",
    )
    ap.add_argument(
        "--clusters",
        default=None,
        metavar="FILE",
        help="word-cluster table (default: the shipped one; 'none': without)",
    )
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 under the stored floor")
    args = ap.parse_args()
    data = args.data or shared_dir() / "data"
    if not (data / "germeval2014" / "NER-de-dev.tsv").is_file():
        print(f"no GermEval data under {data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    scores = evaluate(
        data,
        args.folds,
        args.workers,
        tuple(args.extra),
        quiet=args.json,
        clusters=clusters_option(args.clusters),
    )
    if args.json:
        print(json.dumps(as_dict(scores), indent=2))
    else:
        print_table(scores)
        print(
            f"({args.folds}-fold cross-validation, {time.perf_counter() - t0:.0f} s; "
            f"labels {', '.join(LABELS)})"
        )
    if args.check and under_floor("ner_germeval", scores["pipeline"]["ALL"].f1):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
