"""Score the per-article pipeline on the seed articles against their hand-made gold analysis.

    python eval/seeds.py [--seeds DIR] [--json] [--details]

Prints one row per field (score, what was counted) and, with --check, exits 1 when a score is
under its floor in eval/floors.json.

The story rows (gold in story.json) run clustering and the dossier on all five articles:
- all in one story; each article of a smaller gold sub-event in a non-main sub-event that comes
  before the main one;
- a gold corroborated fact is found when one of our facts has source passages overlapping the
  gold evidence in at least two of its files;
- a gold contradiction is found when one of our contradictions has a claim overlapping each of
  its two passages (two different claims);
- framing of the main actor: per article, our labels are a non-empty subset of the gold labels
  covering at least half of them;
- a lightly edited copy of one article (new first line, last line dropped, an agency note) must
  be found as its near-duplicate and never appear beside its original among a fact's sources.

The seed texts are read from ../shared/seeds at run time; nothing of them is copied into the
project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from _shared import shared_dir  # noqa: E402

from pressespiegel.ingest import decode_bytes  # noqa: E402
from pressespiegel.model import Article  # noqa: E402
from pressespiegel.pipeline import annotate  # noqa: E402
from pressespiegel.textutil import ascii_fold  # noqa: E402

FLOORS = ROOT / "eval" / "floors.json"


@dataclass
class Score:
    """hits out of total, with the misses kept for --details."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.misses.append(what)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def name_key(s: str | None) -> str:
    return re.sub(r"[^a-z]", "", ascii_fold(s or "").lower())


QUOTE_MARKS = '„“”"»«‚‘’‹›'


def locate(text: str, needles: list[str], quoted: bool = False) -> list[tuple[int, int] | None]:
    """Spans of gold strings in the text; the k-th repeat of a string takes its k-th occurrence.

    With ``quoted``, occurrences right after a quote mark are preferred (a quoted name may
    also occur unquoted earlier in the article).
    """
    seen: Counter[str] = Counter()
    spans: list[tuple[int, int] | None] = []
    for needle in needles:
        k = seen[needle]
        seen[needle] += 1
        found = [m.start() for m in re.finditer(re.escape(needle), text)]
        if quoted:
            marked = [p for p in found if p > 0 and text[p - 1] in QUOTE_MARKS]
            found = marked + [p for p in found if p not in marked]
        pos = found[k] if k < len(found) else (found[-1] if found else -1)
        spans.append((pos, pos + len(needle)) if pos >= 0 else None)
    return spans


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def run(seeds: Path) -> tuple[list[Article], list[dict[str, Any]]]:
    articles, golds = [], []
    for path in sorted(seeds.glob("*.txt")):
        gold_path = seeds / "gold" / (path.stem + ".json")
        if not gold_path.exists():
            continue
        text = decode_bytes(path.read_bytes(), str(path))
        articles.append(annotate(Article(id=path.stem, text=text, source=str(path))))
        golds.append(json.loads(gold_path.read_text(encoding="utf-8")))
    return articles, golds


def evaluate(seeds: Path) -> dict[str, Score]:
    articles, golds = run(seeds)
    s: dict[str, Score] = defaultdict(Score)
    person_ids: dict[str, set[str]] = defaultdict(set)
    for art, gold in zip(articles, golds, strict=True):
        name = art.id[:3]
        _metadata(art, gold, name, s)
        _boilerplate(art, gold, name, s)
        _persons(art, gold, name, s, person_ids)
        _quotes(art, gold, name, s)
        _figures(art, gold, name, s)
        _dates(art, gold, name, s)
        s["stage errors (none)"].add(not art.errors, f"{name}: {[e.message for e in art.errors]}")
    for canonical, ids in sorted(person_ids.items()):
        s["persons one id across articles"].add(len(ids) == 1, f"{canonical}: {sorted(ids)}")
    story_gold = seeds / "gold" / "story.json"
    if story_gold.exists():
        _story(articles, golds, json.loads(story_gold.read_text(encoding="utf-8")), s)
    return dict(s)


# -- the story across articles ---------------------------------------------------------------
def _span_of(art: Article, needle: str) -> tuple[int, int] | None:
    found = locate(art.text, [needle])[0]
    if found is None:  # gold strings may differ in spacing from the text
        pat = r"\s+".join(re.escape(w) for w in needle.split())
        m = re.search(pat, art.text)
        found = m.span() if m else None
    return found


def _story(
    articles: list[Article], golds: list[dict[str, Any]], gold: dict[str, Any], s: dict[str, Score]
) -> None:
    from pressespiegel.link import cluster_articles, default_embedder
    from pressespiegel.summarize.dossier import build_dossier

    by_stem = {a.id: a for a in articles}
    embedder = default_embedder()
    stories = cluster_articles(articles, embedder=embedder)
    story_of = {a: st for st in stories for a in st.articles}
    s["story: all in one story"].add(
        len({story_of[a.id].id for a in articles}) == 1 if gold["same_story"] else True,
        f"stories: {[st.articles for st in stories]}",
    )
    main = max(stories, key=lambda st: len(st.articles))
    sub_of = {a: e for e in main.sub_events for a in e.articles}
    gold_subs = sorted(gold["sub_events"], key=lambda e: -len(e["files"]))
    for ev in gold_subs[1:]:
        for f in ev["files"]:
            stem = Path(f).stem
            ours = sub_of.get(stem)
            s["story: earlier sub-event marked"].add(
                ours is not None
                and not ours.main
                and ours.id < next(e.id for e in main.sub_events if e.main),
                f"{stem[:3]}: sub-events {[(e.id, e.main, e.articles) for e in main.sub_events]}",
            )
    dossier = build_dossier(main, by_stem, encode=embedder.encode)

    for fact in gold["corroborated_facts"]:
        spans = {}
        for ev in fact["evidence"]:
            stem = Path(ev["file"]).stem
            if stem in by_stem and (sp := _span_of(by_stem[stem], ev["text"])) is not None:
                spans.setdefault(stem, []).append(sp)
        best = 0
        for ours in dossier.facts:
            files = {
                r.article
                for r in ours.sources
                if any(overlap((r.start, r.end), sp) > 0 for sp in spans.get(r.article, []))
            }
            best = max(best, len(files))
        s["story: corroborated facts found"].add(best >= 2, f"{fact['fact'][:70]} ({best} files)")

    for c in gold["contradictions"]:
        a_stem, b_stem = Path(c["a"]["file"]).stem, Path(c["b"]["file"]).stem
        sa = _span_of(by_stem[a_stem], c["a"]["text"]) if a_stem in by_stem else None
        sb = _span_of(by_stem[b_stem], c["b"]["text"]) if b_stem in by_stem else None

        def hits(claims: list[Any], stem: str, sp: tuple[int, int] | None) -> set[int]:
            return {
                k
                for k, cl in enumerate(claims)
                if sp is not None and cl.article == stem and overlap((cl.start, cl.end), sp) > 0
            }

        found = any(
            any(
                i != j for i in hits(ours.claims, a_stem, sa) for j in hits(ours.claims, b_stem, sb)
            )
            for ours in dossier.contradictions
        )
        s["story: contradictions found"].add(found, c["about"][:80])

    kim = [
        e
        for e in dossier.entities
        if e.label == "PER" and any(name_key(v) == name_key("Kim Jong-un") for v in e.variants)
    ]
    kim_id = kim[0].entity_id if kim else None
    framing = next((f for f in dossier.framing if f.entity_id == kim_id), None)
    for f, want in gold["framing_of_kim"].items():
        stem = Path(f).stem
        ours = set(framing.labels_by_article.get(stem, [])) if framing else set()
        wanted = set(want["labels"])
        ok = bool(ours) and ours <= wanted and len(ours & wanted) * 2 >= len(wanted)
        s["story: framing of main actor"].add(ok, f"{stem[:3]}: {sorted(ours)} vs {sorted(wanted)}")

    _story_dates(articles, golds, main, s)
    _duplicate_not_counted(articles, embedder, s)


def _story_dates(
    articles: list[Article], golds: list[dict[str, Any]], story: Any, s: dict[str, Score]
) -> None:
    """All gold dates again, now read as the dossier reads them: an undated article's relative
    dates against the publication dates of its sub-event."""
    from pressespiegel.compare.when import dates_in, reference_dates

    sub_of = {a: e.id for e in story.sub_events for a in e.articles}
    reference = reference_dates([a for a in articles if a.id in sub_of], sub_of)
    for art, gold in zip(articles, golds, strict=True):
        spans = locate(art.text, [d["text"] for d in gold["dates"]])
        for d, span in zip(gold["dates"], spans, strict=True):
            sent = next((x for x in art.sentences if span and x.start <= span[0] < x.end), None)
            found = dates_in(art, sent.start, sent.end, reference)[0] if sent and span else []
            right = (
                any(
                    overlap(span, (x.start, x.end)) > 0 and x.resolved == d["resolved"]
                    for x in found
                )
                if span
                else False
            )
            s["story: dates resolved (all)"].add(
                right,
                f"{art.id[:3]}: {d['text']!r} -> "
                f"{[x.resolved for x in found if span and overlap(span, (x.start, x.end))]}"
                f" != {d['resolved']!r}",
            )


def _duplicate_not_counted(articles: list[Article], embedder: Any, s: dict[str, Score]) -> None:
    """Add a lightly edited copy of one article (new first line, one line less, an agency
    line): it must be found as a near-duplicate and never count as a second source."""
    from pressespiegel.link import cluster_articles
    from pressespiegel.summarize.dossier import build_dossier

    orig = max(articles, key=lambda a: len(a.sentences))
    lines = orig.text.split("\n")
    body = [ln for ln in lines if ln.strip()]
    edited = "Eilmeldung\n" + "\n".join(body[:-1]) + "\n(Agenturmaterial, bearbeitet)\n"
    copy = annotate(Article(id=orig.id + "-copy", text=edited, source="edited copy"))
    stories = cluster_articles([*articles, copy], embedder=embedder)
    story = next(st for st in stories if orig.id in st.articles)
    s["story: near-duplicate found"].add(
        story.duplicate_of.get(copy.id) == orig.id, f"duplicate_of: {story.duplicate_of}"
    )
    dossier = build_dossier(story, [*articles, copy], encode=embedder.encode)
    for fact in dossier.facts:
        arts = {r.article for r in fact.sources}
        s["story: copy never a second source"].add(
            not {orig.id, copy.id} <= arts, f"{fact.statement[:60]} counted {sorted(arts)}"
        )


def _metadata(art: Article, gold: dict[str, Any], name: str, s: dict[str, Score]) -> None:
    for key in ("title", "outlet", "published", "dateline"):
        ours, want = getattr(art, key), gold[key]
        s[key].add(norm(ours).casefold() == norm(want).casefold(), f"{name}: {ours!r} != {want!r}")
    ours_ag = sorted(a.casefold() for a in art.agencies)
    want_ag = sorted(a.casefold() for a in gold["agencies"])
    s["agencies"].add(ours_ag == want_ag, f"{name}: {art.agencies} != {gold['agencies']}")


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip()), line.strip()))
        pos += len(line) + 1
    return out


def _boilerplate(art: Article, gold: dict[str, Any], name: str, s: dict[str, Score]) -> None:
    text = art.text
    removed = [(r.start, r.end) for r in art.removed]
    lines = _lines(text)

    def is_removed(ln: tuple[int, int, str]) -> bool:
        return any(overlap((ln[0], ln[1]), r) >= (ln[1] - ln[0]) * 0.5 for r in removed)

    # Each gold boilerplate line (once per copy) must be matched by a distinct removed line.
    wanted = Counter(norm(b) for b in gold["boilerplate_lines"])
    got = Counter(norm(ln[2]) for ln in lines if is_removed(ln))
    for line, n in wanted.items():
        for i in range(n):
            s["boilerplate removed"].add(got[line] > i, f"{name}: kept {line[:70]!r}")
    # Body: every line from the gold first to the gold last body sentence, minus boilerplate.
    first = text.find(gold["body_first_sentence"])
    last = text.find(gold["body_last_sentence"])
    if first < 0 or last < 0:
        s["body lines kept"].add(False, f"{name}: gold body sentences not found in text")
        return
    last += len(gold["body_last_sentence"])
    budget = Counter(wanted)
    inside = [ln for ln in lines if not (ln[1] <= first or ln[0] >= last)]
    # Gold lists the extra copies of a repeated line: removed copies use that budget first.
    spent = set()
    for ln in inside:
        if is_removed(ln) and budget[norm(ln[2])] > 0:
            budget[norm(ln[2])] -= 1
            spent.add(ln)
    for ln in inside:
        if ln in spent:
            continue
        if budget[norm(ln[2])] > 0:
            budget[norm(ln[2])] -= 1
            continue
        s["body lines kept"].add(not is_removed(ln), f"{name}: removed body line {ln[2][:70]!r}")
    s["first body sentence"].add(
        any(
            norm(text[x.start : x.end]) == norm(gold["body_first_sentence"]) for x in art.sentences
        ),
        f"{name}: first body sentence not split as one sentence",
    )


def _persons(
    art: Article,
    gold: dict[str, Any],
    name: str,
    s: dict[str, Score],
    person_ids: dict[str, set[str]],
) -> None:
    per = [m for m in art.entities if m.label == "PER"]
    owner: dict[str, str] = {}
    for person in gold["persons"]:
        forms = set(person["mentions"])
        ids = {m.entity_id for m in per if m.text in forms}
        found_forms = {m.text for m in per if m.text in forms}
        s["persons found"].add(bool(ids), f"{name}: {person['canonical']} not found")
        s["persons one entity"].add(
            len(ids) == 1 and found_forms == forms,
            f"{name}: {person['canonical']}: ids {sorted(ids)}, missing "
            f"{sorted(forms - found_forms)}",
        )
        for i in ids:
            if i in owner and owner[i] != person["canonical"]:
                s["persons not merged"].add(False, f"{name}: {owner[i]} + {person['canonical']}")
            owner[i] = person["canonical"]
        if ids:
            person_ids[person["canonical"]].update(ids)
    s["persons not merged"].add(True, "")
    gold_forms = {m for p in gold["persons"] for m in p["mentions"]}
    for m in per:
        s["person mentions precision"].add(m.text in gold_forms, f"{name}: {m.text!r}")


def _speaker_ok(
    q_speaker: str | None,
    q_span_text: str | None,
    want: str | None,
    gold: dict[str, Any],
    our_forms: tuple[str, ...] = (),
) -> bool:
    """Right when our speaker, its span, or a mention of the entity we named (``our_forms``:
    the variants of our entity with that canonical name) is a form of the gold speaker."""
    if want is None:
        return q_speaker is None
    forms = {want}
    for group in ("persons", "organisations", "places"):
        for ent in gold.get(group, []):
            if ent["canonical"] == want:
                forms.update(ent["mentions"])
    keys = {name_key(f) for f in forms}
    if name_key(q_speaker) in keys or any(name_key(f) in keys for f in our_forms):
        return True
    return q_span_text is not None and name_key(q_span_text) in keys


def _quotes(art: Article, gold: dict[str, Any], name: str, s: dict[str, Score]) -> None:
    spans = locate(art.text, [q["text"] for q in gold["quotes"]], quoted=True)
    for q, span in zip(gold["quotes"], spans, strict=True):
        if span is None:
            continue
        # The best-overlapping quote; on a tie the shortest (a nested quote over its outer one).
        best = max(
            art.quotes,
            key=lambda x: (overlap(span, (x.start, x.end)), x.start - x.end),
            default=None,
        )
        hit = (
            best is not None
            and overlap(span, (best.start, best.end)) >= 0.5 * (span[1] - span[0])
            and overlap(span, (best.start, best.end)) >= 0.5 * (best.end - best.start)
        )
        label = f"{name}: {q['text'][:60]!r}"
        if q["kind"] == "speech":
            found = hit and best is not None and best.kind != "scare"
            as_kind = f" as {best.kind}" if hit and best else ""
            s["speech quotes found"].add(found, label + as_kind)
            if found and best is not None:
                sp = (
                    art.text[best.speaker_span.start : best.speaker_span.end]
                    if best.speaker_span
                    else None
                )
                ours = tuple(
                    v
                    for e in art.entity_index.values()
                    if e.canonical == best.speaker
                    for v in e.variants
                )
                s["quote speaker right"].add(
                    _speaker_ok(best.speaker, sp, q["speaker"], gold, ours),
                    f"{label}: {best.speaker!r} != {q['speaker']!r}",
                )
        else:
            s["scare quotes told apart"].add(
                hit and best is not None and best.kind == "scare", label
            )


def _figures(art: Article, gold: dict[str, Any], name: str, s: dict[str, Score]) -> None:
    spans = locate(art.text, [f["text"] for f in gold["figures"]])
    for f, span in zip(gold["figures"], spans, strict=True):
        ok = span is not None and any(
            overlap(span, (x.start, x.end)) > 0 and abs(x.value - f["value"]) < 1e-6
            for x in art.figures
        )
        s["figures"].add(ok, f"{name}: {f['text']!r} = {f['value']}")


def _dates(art: Article, gold: dict[str, Any], name: str, s: dict[str, Score]) -> None:
    spans = locate(art.text, [d["text"] for d in gold["dates"]])
    for d, span in zip(gold["dates"], spans, strict=True):
        hits = [x for x in art.dates if span is not None and overlap(span, (x.start, x.end)) > 0]
        right = any(x.resolved == d["resolved"] for x in hits)
        why = f"{name}: {d['text']!r} -> {[x.resolved for x in hits]} != {d['resolved']!r}"
        s["dates found"].add(bool(hits), f"{name}: {d['text']!r}")
        s["dates resolved (all)"].add(right, why)
        # "Resolved against the publication date where the text allows": a relative date in an
        # article that states no publication date cannot be resolved from the article alone
        # (the gold resolves those from outside knowledge), so the floor counts the others:
        # vague dates (gold null), dates in dated articles, and dates that carry their year.
        if d["resolved"] is None or gold["published"] or re.search(r"\b\d{4}\b", d["text"]):
            s["dates resolved"].add(right, why)


def load_floors() -> dict[str, float]:
    return dict(json.loads(FLOORS.read_text(encoding="utf-8"))["seeds"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seeds",
        type=Path,
        default=None,
        help="seed folder (default: ../shared/seeds beside the repository)",
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--details", action="store_true", help="list what was missed")
    parser.add_argument("--check", action="store_true", help="exit 1 when under a floor")
    args = parser.parse_args(argv)
    seeds = args.seeds or shared_dir() / "seeds"
    if not (seeds / "gold").is_dir():
        print(f"seed articles not found at {seeds}; nothing to evaluate", file=sys.stderr)
        return 0
    scores = evaluate(seeds)
    floors = load_floors()
    if args.json:
        print(json.dumps({k: round(v.rate, 4) for k, v in scores.items()}, indent=1))
    else:
        print(f"{'field':32} {'score':>7} {'counted':>9} {'floor':>7}")
        for key, sc in scores.items():
            floor = floors.get(key)
            mark = "" if floor is None or sc.rate >= floor else "  BELOW FLOOR"
            print(
                f"{key:32} {sc.rate:7.1%} {sc.hits:4}/{sc.total:<4} "
                f"{'' if floor is None else f'{floor:7.0%}'}{mark}"
            )
            if args.details:
                for miss in sc.misses:
                    print(f"    - {miss}")
    below = [k for k, f in floors.items() if k in scores and scores[k].rate < f]
    return 1 if args.check and below else 0


if __name__ == "__main__":
    raise SystemExit(main())
