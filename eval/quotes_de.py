"""Score direct-quotation extraction on German Wikinews (Petersen-Frey & Biemann 2024).

    python eval/quotes_de.py [--split dev|train] [--limit N] [--details N] [--json]

Runs the per-article pipeline (no cleaning: the texts are article bodies) on
``../shared/data/quotes_de/<split>.jsonl`` and compares our ``direct`` quotations with the gold
``Direct`` annotations:

- span precision / recall / F1, *lenient* (the two spans share at least one word, matched one to
  one) and *exact* (same words once the quotation marks and outer spaces are stripped);
- speaker accuracy on leniently matched quotations: right when our speaker span overlaps a gold
  speaker span, or our canonical name and the gold speaker text share a word of three letters+;
- for reference, how many of our unmatched direct quotations are some other annotated quotation
  (Indirect, Reported ...): partial quotations the data set files under indirect speech.

Rules are tuned on ``train`` only; ``dev`` is for reporting. When the data is absent the script
says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel import analyze_text  # noqa: E402
from pressespiegel.model import Quote  # noqa: E402

_MARKS = "„“”\"»«‚‘’‹›' \n\t"
_WORD = re.compile(r"\w+")


@dataclass
class Gold:
    start: int
    end: int
    kind: str
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    speaker_text: str = ""


@dataclass
class Tally:
    gold: int = 0
    ours: int = 0
    lenient: int = 0
    exact: int = 0
    speaker_right: int = 0
    speaker_total: int = 0
    other_annotation: int = 0
    docs: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)


def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS:
        end -= 1
    return start, end


def gold_quotes(doc: dict[str, Any]) -> list[Gold]:
    out = []
    for a in doc["annotations"]:
        spans = a["quote"]["spans"]
        if not spans:
            continue
        s, e = strip_marks(doc["text"], min(x[0] for x in spans), max(x[1] for x in spans))
        if e <= s:
            continue
        spk = a.get("speaker") or {}
        out.append(
            Gold(s, e, a["type"], [tuple(x) for x in spk.get("spans", [])], spk.get("text", ""))
        )
    return out


def words_overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    s, e = max(a[0], b[0]), min(a[1], b[1])
    return len(_WORD.findall(text[s:e])) if e > s else 0


def speaker_right(q: Quote, g: Gold) -> bool:
    if q.speaker_span and any(
        q.speaker_span.start < e and s < q.speaker_span.end for s, e in g.speaker_spans
    ):
        return True
    if q.speaker and g.speaker_text:
        ours = {w.lower() for w in _WORD.findall(q.speaker) if len(w) >= 3}
        theirs = {w.lower() for w in _WORD.findall(g.speaker_text) if len(w) >= 3}
        return bool(ours & theirs)
    return False


def published_of(doc: dict[str, Any]) -> str | None:
    m = re.search(r"\((\d{4}-\d{2}-\d{2})\)\s*$", doc.get("document", ""))
    return m.group(1) if m else None


def score_doc(doc: dict[str, Any], tally: Tally, details: int) -> None:
    text = doc["text"]
    art = analyze_text(
        text,
        id=str(doc.get("document", "doc")),
        published=published_of(doc),
        language="de",
        clean=False,
    )
    ours = [q for q in art.quotes if q.kind == "direct"]
    golds = gold_quotes(doc)
    direct = [g for g in golds if g.kind == "Direct"]
    tally.docs += 1
    tally.gold += len(direct)
    tally.ours += len(ours)
    # One-to-one lenient matching, largest word overlap first.
    pairs = sorted(
        (
            (words_overlap(text, (q.start, q.end), (g.start, g.end)), qi, gi)
            for qi, q in enumerate(ours)
            for gi, g in enumerate(direct)
        ),
        reverse=True,
    )
    used_q: set[int] = set()
    used_g: set[int] = set()
    for ov, qi, gi in pairs:
        if ov == 0:
            break
        if qi in used_q or gi in used_g:
            continue
        used_q.add(qi)
        used_g.add(gi)
        q, g = ours[qi], direct[gi]
        tally.lenient += 1
        if (q.start, q.end) == (g.start, g.end):
            tally.exact += 1
        if g.speaker_spans or g.speaker_text:
            tally.speaker_total += 1
            if speaker_right(q, g):
                tally.speaker_right += 1
            elif len(tally.wrong_speaker) < details:
                tally.wrong_speaker.append(
                    f"{q.text[:60]!r}: ours {q.speaker!r} ({q.cue.text if q.cue else None}), "
                    f"gold {g.speaker_text!r}" + _context(text, q.start, q.end, details)
                )
    for gi, g in enumerate(direct):
        if gi not in used_g and len(tally.misses) < details:
            tally.misses.append(
                repr(text[g.start : g.end][:100]) + _context(text, g.start, g.end, details)
            )
    for qi, q in enumerate(ours):
        if qi in used_q:
            continue
        if any(words_overlap(text, (q.start, q.end), (g.start, g.end)) for g in golds):
            tally.other_annotation += 1
        elif len(tally.extras) < details:
            tally.extras.append(f"{q.text[:80]!r} ({q.speaker}, {q.cue.text if q.cue else None})")


def _context(text: str, start: int, end: int, details: int) -> str:
    """The words around a quotation, for --details runs over the train split."""
    if details < 100:
        return ""
    left = text[max(0, start - 160) : start].replace("\n", " ")
    right = text[end : end + 120].replace("\n", " ")
    return f"\n      ...{left}[Q]{right}..."


def prf(hits: int, ours: int, gold: int) -> tuple[float, float, float]:
    p = hits / ours if ours else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(path: Path, limit: int | None = None, details: int = 0, split: str = "dev"
             ) -> tuple[dict[str, Any], Tally]:
    """Score our direct quotations on one split file; returns the scores and the tally."""
    tally = Tally()
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            if line.strip():
                score_doc(json.loads(line), tally, details)

    lp, lr, lf = prf(tally.lenient, tally.ours, tally.gold)
    ep, er, ef = prf(tally.exact, tally.ours, tally.gold)
    spk = tally.speaker_right / tally.speaker_total if tally.speaker_total else 0.0
    # Our direct quotations that the data set annotates as another kind of quotation.
    lp_any = (tally.lenient + tally.other_annotation) / tally.ours if tally.ours else 0.0
    scores = {
        "split": split,
        "articles": tally.docs,
        "gold_direct": tally.gold,
        "ours_direct": tally.ours,
        "lenient": {"precision": lp, "recall": lr, "f1": lf},
        "exact": {"precision": ep, "recall": er, "f1": ef},
        "speaker_accuracy": spk,
        "speaker_counted": tally.speaker_total,
        "lenient_precision_any_annotation": lp_any,
    }
    return scores, tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--details", type=int, default=0, help="show up to N misses of each kind")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--data", type=Path, default=None, help="the quotes_de folder")
    args = ap.parse_args(argv)

    path = (args.data or shared_dir() / "data" / "quotes_de") / f"{args.split}.jsonl"
    if not path.exists():
        print(f"quotes_de: {path} is absent; nothing to score (skipped).")
        return 0
    scores, tally = evaluate(path, args.limit, args.details, args.split)
    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        print(
            f"quotes_de/{args.split}: {tally.docs} articles, {tally.gold} gold Direct, "
            f"{tally.ours} ours direct"
        )
        print(f"{'measure':<34}{'P':>8}{'R':>8}{'F1':>8}")
        for label, key in (("span, lenient (word overlap)", "lenient"),
                           ("span, exact (marks stripped)", "exact")):
            m = scores[key]
            print(f"{label:<34}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")
        print(f"{'speaker on lenient matches':<34}{scores['speaker_accuracy']:>8.3f}"
              f"   (n={tally.speaker_total})")
        print(f"{'lenient P, any annotated quote':<34}"
              f"{scores['lenient_precision_any_annotation']:>8.3f}")
    for title, items in (
        ("missed", tally.misses),
        ("extra", tally.extras),
        ("wrong speaker", tally.wrong_speaker),
    ):
        if items:
            print(f"\n{title}:")
            for it in items:
                print("  " + it)
    return 0


if __name__ == "__main__":
    sys.exit(main())
