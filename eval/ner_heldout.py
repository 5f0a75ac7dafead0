"""Score the shipped German NER on sentences nobody tuned on: SmartData's v3 test split.

    python eval/ner_heldout.py [--data DIR] [--model DIR] [--json] [--check]

The model ships trained on GermEval's dev file and SmartData's v1 remainder and v3 dev split
(``pressespiegel.extract.ner_train``); SmartData's v3 test split (844 sentences of German news,
tweets and traffic reports from 2016, other documents than the training ones) is used by nothing
else in the project: no feature, rule or setting was chosen by looking at it. Its conventions are
SmartData's, not GermEval's (streets, stops and routes such as "A7" are places; positions are
no entities), so three systems are scored: the CRF following SmartData's conventions (the model
learnt them from SmartData's other sentences, as a domain of its own), the CRF following the
target domain's (GermEval's) and the NER as the pipeline runs it. Scores are entity-level,
exact span and label, over PER, ORG and LOC (SmartData has no MISC). --check exits 1 when the
first system's F1 is under the floor in eval/floors.json ("ner_heldout" -> "f1").
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
from ner_germeval import as_dict, print_table, under_floor  # noqa: E402

from pressespiegel.extract.entities import RuleNER  # noqa: E402
from pressespiegel.extract.ner_features import TARGET_DOMAIN  # noqa: E402
from pressespiegel.extract.ner_model import CRFTagger, TrainedNER, span_tags  # noqa: E402
from pressespiegel.extract.ner_train import PRF, Corpus, score, sentence_article  # noqa: E402

HELDOUT = Corpus("smartdata-v3-test", ("ner_de/smartdata_de/v3-test.tsv",), "CC BY 4.0")
# The domain name the training recipe gives SmartData's sentences (ner_train.CORPORA).
SOURCE_DOMAIN = "smartdata"
SYSTEMS = ("crf (smartdata conventions)", "crf (target conventions)", "pipeline")


def evaluate(data: Path, model: Path | None = None) -> dict[str, dict[str, PRF]]:
    sents = HELDOUT.read(data)
    tagger = CRFTagger(model)
    rules = RuleNER()
    ner = TrainedNER(tagger, rules)
    out: dict[str, list[list[str]]] = {s: [] for s in SYSTEMS}
    gold = []
    for words, tags in sents:
        art = sentence_article(words)
        hints = span_tags(art.tokens, rules(art))
        pos = [t.pos for t in art.tokens]
        out[SYSTEMS[0]].append(tagger.tag(list(words), pos, hints, SOURCE_DOMAIN))
        out[SYSTEMS[1]].append(tagger.tag(list(words), pos, hints, TARGET_DOMAIN))
        out[SYSTEMS[2]].append(span_tags(art.tokens, ner(art)))
        # SmartData has no MISC: the system's MISC spans are neither right nor wrong here
        gold.append(tags)
    return {s: score(gold, [_no_misc(p) for p in pred]) for s, pred in out.items()}


def _no_misc(tags: list[str]) -> list[str]:
    return ["O" if t.endswith("-MISC") else t for t in tags]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: ../shared/data or $PRESSESPIEGEL_SHARED/data)",
    )
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: shipped)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 under the stored floor")
    args = ap.parse_args()
    data = args.data or shared_dir() / "data"
    if not (data / HELDOUT.files[0]).is_file():
        print(f"no SmartData v3 test split under {data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    scores = evaluate(data, args.model)
    if args.json:
        print(
            json.dumps(
                {
                    s: {k: v for k, v in by.items() if k != "MISC"}
                    for s, by in as_dict(scores).items()
                },
                indent=2,
            )
        )
    else:
        print_table(scores, ("PER", "ORG", "LOC", "ALL"))
        print(f"(SmartData v3 test, {time.perf_counter() - t0:.0f} s)")
    if args.check and under_floor("ner_heldout", scores[SYSTEMS[0]]["ALL"].f1):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
