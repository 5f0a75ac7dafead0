"""How often the fast tagger says what HanTa says on real German news, and how fast each is.

    python eval/tagger_de.py [--limit N] [--check] [--json]

The articles are the first ``--limit`` (default 300) of ``gnad10k/articles.csv`` (10kGNAD,
derStandard.at 2015-16: news the fast tagger was not trained on, which is under a non-commercial
licence and so may be measured on but not learned from). Each is split into sentences and
tokens as the pipeline does; every German sentence is then tagged by HanTa (the reference,
``--tagger hanta``) and by the fast perceptron (the default), and the script prints per-token
agreement on the STTS tag and on the lemma, the most frequent disagreements, and the tokens per
second of each tagger in this process (one core; the fast tagger's first call, which loads its
model, is timed apart). ``--check`` compares the agreement with the floors in eval/floors.json
under "tagger_de" and exits 1 below them. Without the data file it says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel.language.tokens import fast_tag_sentences, hanta_tag_words  # noqa: E402
from pressespiegel.model import Article  # noqa: E402
from pressespiegel.registry import Pipeline  # noqa: E402

FLOORS = ROOT / "eval" / "floors.json"
csv.field_size_limit(16 * 1024 * 1024)


def sentences(path: Path, limit: int) -> list[list[list[str]]]:
    """The words of each German sentence, per article, as the pipeline tokenises them."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))[1 : limit + 1]
    pipe = Pipeline(["clean", "metadata", "placeholder", "language", "sentences"])
    from pressespiegel.language.tokens import tokenize

    out: list[list[list[str]]] = []
    for k, row in enumerate(rows):
        art = pipe(Article(id=str(k), text=row[1]))
        out.append(
            [
                [art.text[s:e] for s, e in tokenize(art.text, sent.start, sent.end)]
                for sent in art.sentences
                if sent.language in (None, "de")
            ]
        )
    return out


def evaluate(path: Path, limit: int = 300) -> dict[str, object]:
    docs = sentences(path, limit)
    t0 = time.perf_counter()
    fast_tag_sentences([["Erst", "laden", "."]])
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    fast = [fast_tag_sentences(doc) for doc in docs]
    fast_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    hanta = [[hanta_tag_words(words) for words in doc] for doc in docs]
    hanta_s = time.perf_counter() - t0
    n = same_tag = same_lemma = 0
    confused: Counter[str] = Counter()
    for fdoc, hdoc in zip(fast, hanta, strict=True):
        for fsent, hsent in zip(fdoc, hdoc, strict=True):
            for (flemma, ftag), (hlemma, htag) in zip(fsent, hsent, strict=True):
                n += 1
                same_tag += ftag == htag
                same_lemma += flemma == hlemma
                if ftag != htag:
                    confused[f"{htag} -> {ftag}"] += 1
    return {
        "articles": len(docs),
        "tokens": n,
        "tag agreement": same_tag / max(n, 1),
        "lemma agreement": same_lemma / max(n, 1),
        "fast tokens/s": n / max(fast_s, 1e-9),
        "fast model load s": load,
        "hanta tokens/s (memoised, first pass)": n / max(hanta_s, 1e-9),
        "most confused (HanTa -> fast)": dict(confused.most_common(10)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=300, help="articles (default: 300)")
    ap.add_argument("--check", action="store_true", help="exit 1 under the stored floors")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--data", type=Path, default=None, help="the gnad10k articles.csv")
    args = ap.parse_args(argv)
    path = args.data or shared_dir() / "data" / "gnad10k" / "articles.csv"
    if not path.is_file():
        print(f"{path}: not found; nothing to measure (see ../shared/data/README.md)")
        return 0
    res = evaluate(path, args.limit)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        for key, value in res.items():
            if isinstance(value, float):
                print(f"{key:40} {value:.4f}" if value < 10 else f"{key:40} {value:,.0f}")
            elif isinstance(value, dict):
                print(key + ":")
                for k, v in value.items():
                    print(f"  {k:30} {v}")
            else:
                print(f"{key:40} {value}")
    if args.check:
        floors = json.loads(FLOORS.read_text(encoding="utf-8"))["tagger_de"]
        low = {k: res[k] for k, f in floors.items() if float(res[k]) < f}  # type: ignore[arg-type]
        for key, value in low.items():
            print(f"under the floor: {key} {value:.4f} < {floors[key]}", file=sys.stderr)
        return 1 if low else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
