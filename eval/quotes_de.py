"""Score quotation extraction on German Wikinews (Petersen-Frey & Biemann 2024).

    python eval/quotes_de.py [--split dev|train] [--limit N] [--details N] [--type T] [--json]

Runs the per-article pipeline (no cleaning: the texts are article bodies) on
``../shared/data/quotes_de/<split>.jsonl`` and compares our speech quotations (scare quotes left
out) with the gold annotations, per quotation type (Direct, Indirect, Reported, FreeIndirect,
IndirectFreeIndirect) and for all types together:

- span precision / recall / F1, *lenient* (the two spans share at least one word, matched one to
  one, as the corpus paper's lenient measure) and *exact* (same words once the quotation marks
  and outer spaces are stripped). Per type, our quotations of that type meet the gold ones of
  that type; "all" matches every quotation regardless of type;
- speaker accuracy on leniently matched quotations that have a gold speaker: right when our
  speaker span overlaps a gold speaker span, or our canonical name and the gold speaker text
  share a word of three letters or more (a pronoun resolved to its name counts);
- cue accuracy on matched quotations that have a gold cue: our cue overlaps it;
- type accuracy on the "all" matches: our type is the gold one;
- addressee precision / recall on the "all" matches: our addressee overlaps the gold one.

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
TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
ALL = "all"


@dataclass
class Gold:
    start: int
    end: int
    kind: str
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    speaker_text: str = ""
    cue_spans: list[tuple[int, int]] = field(default_factory=list)
    addressee_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Tally:
    """Counts for one quotation type (or all together)."""

    gold: int = 0
    ours: int = 0
    lenient: int = 0
    exact: int = 0
    speaker_right: int = 0
    speaker_total: int = 0
    cue_right: int = 0
    cue_total: int = 0
    type_right: int = 0
    addressee_gold: int = 0
    addressee_ours: int = 0
    addressee_right: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)


def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS:
        end -= 1
    return start, end


def _spans(a: dict[str, Any], key: str) -> list[tuple[int, int]]:
    return [(int(x[0]), int(x[1])) for x in (a.get(key) or {}).get("spans", [])]


def gold_quotes(doc: dict[str, Any]) -> list[Gold]:
    out = []
    for a in doc["annotations"]:
        spans = a["quote"]["spans"]
        if not spans:
            continue
        s, e = strip_marks(doc["text"], min(x[0] for x in spans), max(x[1] for x in spans))
        if e <= s:
            continue
        out.append(
            Gold(
                s,
                e,
                a["type"],
                _spans(a, "speaker"),
                (a.get("speaker") or {}).get("text", ""),
                _spans(a, "cue"),
                _spans(a, "addressee"),
            )
        )
    return out


def our_type(q: Quote) -> str:
    if q.type:
        return q.type
    return "Direct" if q.kind == "direct" else "Indirect"


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


def match(text: str, ours: list[Quote], golds: list[Gold]) -> list[tuple[int, int]]:
    """One-to-one lenient matching, largest word overlap first: ``(our index, gold index)``."""
    pairs = sorted(
        (
            (words_overlap(text, (q.start, q.end), (g.start, g.end)), qi, gi)
            for qi, q in enumerate(ours)
            for gi, g in enumerate(golds)
        ),
        reverse=True,
    )
    used_q: set[int] = set()
    used_g: set[int] = set()
    out = []
    for ov, qi, gi in pairs:
        if ov == 0:
            break
        if qi in used_q or gi in used_g:
            continue
        used_q.add(qi)
        used_g.add(gi)
        out.append((qi, gi))
    return out


def tally_one(text: str, ours: list[Quote], golds: list[Gold], t: Tally, details: int) -> None:
    t.gold += len(golds)
    t.ours += len(ours)
    matched = match(text, ours, golds)
    for qi, gi in matched:
        q, g = ours[qi], golds[gi]
        t.lenient += 1
        if (q.start, q.end) == (g.start, g.end):
            t.exact += 1
        if our_type(q) == g.kind:
            t.type_right += 1
        if g.speaker_spans or g.speaker_text:
            t.speaker_total += 1
            if speaker_right(q, g):
                t.speaker_right += 1
            elif len(t.wrong_speaker) < details:
                t.wrong_speaker.append(
                    f"{q.text[:60]!r}: ours {q.speaker!r} ({q.cue.text if q.cue else None}), "
                    f"gold {g.speaker_text!r}" + _context(text, q.start, q.end, details)
                )
        t.addressee_gold += bool(g.addressee_spans)
        t.addressee_ours += q.addressee is not None
        if q.addressee and any(
            q.addressee.start < e and s < q.addressee.end for s, e in g.addressee_spans
        ):
            t.addressee_right += 1
        if g.cue_spans:
            t.cue_total += 1
            if q.cue and any(q.cue.start < e and s < q.cue.end for s, e in g.cue_spans):
                t.cue_right += 1
    got_g = {gi for _, gi in matched}
    got_q = {qi for qi, _ in matched}
    for gi, g in enumerate(golds):
        if gi not in got_g and len(t.misses) < details:
            t.misses.append(
                f"[{g.kind}] "
                + repr(text[g.start : g.end][:100])
                + _context(text, g.start, g.end, details)
            )
    for qi, q in enumerate(ours):
        if qi not in got_q and len(t.extras) < details:
            t.extras.append(
                f"[{our_type(q)}] {q.text[:80]!r} ({q.speaker}, "
                f"{q.cue.text if q.cue else None})" + _context(text, q.start, q.end, details)
            )


def score_doc(doc: dict[str, Any], tallies: dict[str, Tally], details: int) -> None:
    text = doc["text"]
    art = analyze_text(
        text,
        id=str(doc.get("document", "doc")),
        published=published_of(doc),
        language="de",
        clean=False,
    )
    ours = [q for q in art.quotes if q.kind != "scare"]
    golds = gold_quotes(doc)
    tally_one(text, ours, golds, tallies[ALL], details)
    for kind in TYPES:
        tally_one(
            text,
            [q for q in ours if our_type(q) == kind],
            [g for g in golds if g.kind == kind],
            tallies[kind],
            details,
        )


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


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def scores_of(t: Tally) -> dict[str, Any]:
    lp, lr, lf = prf(t.lenient, t.ours, t.gold)
    ep, er, ef = prf(t.exact, t.ours, t.gold)
    return {
        "gold": t.gold,
        "ours": t.ours,
        "lenient": {"precision": lp, "recall": lr, "f1": lf},
        "exact": {"precision": ep, "recall": er, "f1": ef},
        "speaker_accuracy": _ratio(t.speaker_right, t.speaker_total),
        "speaker_counted": t.speaker_total,
        "cue_accuracy": _ratio(t.cue_right, t.cue_total),
        "cue_counted": t.cue_total,
        "type_accuracy": _ratio(t.type_right, t.lenient),
        "addressee": dict(
            zip(
                ("precision", "recall", "f1"),
                prf(t.addressee_right, t.addressee_ours, t.addressee_gold),
                strict=True,
            )
        ),
        "addressee_counted": t.addressee_gold,
    }


def evaluate(
    path: Path, limit: int | None = None, details: int = 0, split: str = "dev"
) -> tuple[dict[str, Any], dict[str, Tally]]:
    """Score our quotations on one split file; returns the scores (per type and ``all``) and
    the tallies."""
    tallies = {k: Tally() for k in (*TYPES, ALL)}
    docs = 0
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            if line.strip():
                docs += 1
                score_doc(json.loads(line), tallies, details)
    scores: dict[str, Any] = {"split": split, "articles": docs}
    for k, t in tallies.items():
        scores[k] = scores_of(t)
    return scores, tallies


def floor_scores(scores: dict[str, Any]) -> dict[str, float]:
    """The numbers eval/floors.json holds for this data set."""
    return {
        "direct lenient f1": scores["Direct"]["lenient"]["f1"],
        "direct exact f1": scores["Direct"]["exact"]["f1"],
        "direct speaker accuracy": scores["Direct"]["speaker_accuracy"],
        "all lenient f1": scores[ALL]["lenient"]["f1"],
        "all speaker accuracy": scores[ALL]["speaker_accuracy"],
    }


def print_table(scores: dict[str, Any]) -> None:
    print(f"quotes_de/{scores['split']}: {scores['articles']} articles")
    print(
        f"{'type':<22}{'gold':>6}{'ours':>6}  {'lenient P/R/F1':<20}{'exact P/R/F1':<20}"
        f"{'speaker':>9}{'cue':>7}"
    )
    for k in (*TYPES, ALL):
        m = scores[k]
        le, ex = m["lenient"], m["exact"]
        spk = f"{m['speaker_accuracy']:.3f}" if m["speaker_counted"] else "-"
        cue = f"{m['cue_accuracy']:.3f}" if m["cue_counted"] else "-"
        print(
            f"{k:<22}{m['gold']:>6}{m['ours']:>6}  "
            f"{le['precision']:.3f} {le['recall']:.3f} {le['f1']:.3f}  "
            f"{ex['precision']:.3f} {ex['recall']:.3f} {ex['f1']:.3f}  "
            f"{spk:>7}{cue:>7}"
        )
    print(f"type right on all-type matches: {scores[ALL]['type_accuracy']:.3f}")
    ad = scores[ALL]["addressee"]
    print(
        f"addressee on all-type matches (n={scores[ALL]['addressee_counted']}): "
        f"P {ad['precision']:.3f} R {ad['recall']:.3f} F1 {ad['f1']:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--details", type=int, default=0, help="show up to N misses of each kind")
    ap.add_argument(
        "--type",
        default=ALL,
        choices=[*TYPES, ALL],
        help="whose misses --details shows (default: all types together)",
    )
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--data", type=Path, default=None, help="the quotes_de folder")
    args = ap.parse_args(argv)

    path = (args.data or shared_dir() / "data" / "quotes_de") / f"{args.split}.jsonl"
    if not path.exists():
        print(f"quotes_de: {path} is absent; nothing to score (skipped).")
        return 0
    scores, tallies = evaluate(path, args.limit, args.details, args.split)
    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        print_table(scores)
    t = tallies[args.type]
    for title, items in (
        ("missed", t.misses),
        ("extra", t.extras),
        ("wrong speaker", t.wrong_speaker),
    ):
        if items:
            print(f"\n{title}:")
            for it in items:
                print("  " + it)
    return 0


if __name__ == "__main__":
    sys.exit(main())
