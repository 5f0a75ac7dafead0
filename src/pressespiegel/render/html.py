"""Render a story dossier as one self-contained HTML page.

The page has no external assets (it must work from a ``file://`` URL, offline, and leak no request
to anyone), and it carries a Content-Security-Policy that allows exactly its own inline style and
script by hash. Everything that comes from an article is untrusted and goes through
:func:`html.escape`; article ids never reach the markup: articles get generated ids (``a0``),
cited passages get generated ids (``p1``), and article text is never put into a script or a URL.

Every citation links to its passage, highlighted inside the full text of its article. Passages may
overlap or nest (a summary sentence, a fact and a quote citing parts of the same sentence), so the
text is split at every passage boundary and rendered as properly nested ``<mark>`` elements; a
passage that crosses another is split into pieces that share the class ``p<N>``, the first piece
carrying the id.

The source pane shows every character of an article's text. What the cleaner removed as
boilerplate (``Article.removed``) is greyed: whole removed lines fold into a ``<details>`` labelled
with the reasons, a removed stretch inside a kept line (a dateline) is greyed in place. Passages
are split at those edges like at any other, and a citation into folded lines unfolds them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from html import escape

from ..compare.facts import count_outlets
from ..model import Article, Dossier, Fact, Removed, SourceRef, StoryEntity
from .timeline import parse_when, timeline_chart

__all__ = ["render_html"]


def _e(text: object) -> str:
    """Escape for element content and (double-quoted) attribute values alike."""
    return escape("" if text is None else str(text), quote=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z]{2,4})?")
_QUOTE_MARKS = "„“”\"«»‚‘’'"


def _quoted(escaped: str, raw: str) -> str:
    """German quotation marks around a passage, unless it already brings its own."""
    raw = raw.strip()
    if raw[:1] in _QUOTE_MARKS and raw[-1:] in _QUOTE_MARKS:
        return escaped
    return f"„{escaped}“"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(slots=True)
class _Passage:
    pid: str
    num: int
    article: str
    start: int
    end: int


class _Context:
    """What the sections share: article labels and ids, and the registry of cited passages."""

    def __init__(self, dossier: Dossier, articles: Mapping[str, Article]) -> None:
        self.dossier = dossier
        self.articles = articles
        order = list(dossier.articles)
        for aid in _cited_articles(dossier):
            if aid not in order:
                order.append(aid)
        self.order = order
        self.label = {aid: f"A{i + 1}" for i, aid in enumerate(order)}
        # Generated ids only: an article id may contain quotes, spaces or markup.
        self.anchor = {aid: f"a{i}" for i, aid in enumerate(order)}
        self.passages: dict[tuple[str, int, int], _Passage] = {}
        self.by_article: dict[str, list[_Passage]] = {}

    # -- articles ---------------------------------------------------------------------------
    def outlet(self, aid: str) -> str:
        outlet = self.dossier.outlets.get(aid)
        art = self.articles.get(aid)
        if not outlet and art is not None:
            outlet = art.outlet
        return outlet or "unknown outlet"

    def date(self, aid: str) -> str:
        art = self.articles.get(aid)
        return art.published if art is not None and art.published else "n. d."

    def title(self, aid: str) -> str:
        art = self.articles.get(aid)
        return art.title if art is not None and art.title else "(untitled)"

    def article_chip(self, aid: str) -> str:
        """``A2 Outlet`` linking to the article's text."""
        label = self.label.get(aid, "?")
        inner = f'<span class="alabel">{label}</span> {_e(self.outlet(aid))}'
        if aid in self.articles and aid in self.anchor:
            return f'<a class="achip" href="#{self.anchor[aid]}">{inner}</a>'
        return f'<span class="achip">{inner}</span>'

    # -- passages ---------------------------------------------------------------------------
    def passage(self, ref: SourceRef) -> _Passage | None:
        """The registered passage for ``ref``, or None when it cannot be shown in its article."""
        art = self.articles.get(ref.article)
        if art is None or not 0 <= ref.start < ref.end <= len(art.text):
            return None
        key = (ref.article, ref.start, ref.end)
        found = self.passages.get(key)
        if found is None:
            num = len(self.passages) + 1
            found = _Passage(f"p{num}", num, ref.article, ref.start, ref.end)
            self.passages[key] = found
            self.by_article.setdefault(ref.article, []).append(found)
        return found

    def passage_text(self, ref: SourceRef) -> str:
        art = self.articles.get(ref.article)
        if art is not None and 0 <= ref.start < ref.end <= len(art.text):
            return art.text[ref.start : ref.end]
        return ref.text

    def tooltip(self, ref: SourceRef) -> str:
        return _e(f"{self.outlet(ref.article)}: {_clip(self.passage_text(ref), 280)}")

    def cites(self, refs: Iterable[SourceRef]) -> str:
        """Numbered superscript citations, one per distinct passage."""
        links: list[str] = []
        seen: set[str] = set()
        for ref in refs:
            p = self.passage(ref)
            if p is None:
                # Not showable in its article: keep the statement honest by showing the quote.
                links.append(f'<span class="cite missing" title="{self.tooltip(ref)}">?</span>')
            elif p.pid not in seen:
                seen.add(p.pid)
                links.append(
                    f'<a class="cite" href="#{p.pid}" title="{self.tooltip(ref)}">{p.num}</a>'
                )
        return f'<sup class="cites">{"".join(links)}</sup>' if links else ""

    def source_links(self, refs: Iterable[SourceRef], cls: str = "src") -> str:
        """Outlet-named links to passages, for tables where bare numbers would be cryptic."""
        out: list[str] = []
        seen: set[tuple[str, int, int]] = set()
        for ref in refs:
            key = (ref.article, ref.start, ref.end)
            if key in seen:
                continue
            seen.add(key)
            name = f"{self.label.get(ref.article, '?')} {_e(self.outlet(ref.article))}"
            p = self.passage(ref)
            if p is None:
                out.append(f'<span class="{cls} missing" title="{self.tooltip(ref)}">{name}</span>')
            else:
                out.append(
                    f'<a class="{cls}" href="#{p.pid}" title="{self.tooltip(ref)}">'
                    f"{name}<sup>{p.num}</sup></a>"
                )
        return " ".join(out)


def _cited_articles(d: Dossier) -> list[str]:
    refs: list[SourceRef] = []
    for s in d.summary:
        refs += s.sources
    for t in d.timeline:
        refs += t.sources
    for f in [*d.facts, *d.single_source]:
        refs += f.sources + f.copies
    for q in d.quotes:
        refs += q.sources
    for fr in d.framing:
        refs += fr.evidence
    ids = [r.article for r in refs] + [c.article for ct in d.contradictions for c in ct.claims]
    return list(dict.fromkeys(ids))


def _section(sid: str, title: str, body: str, note: str = "") -> str:
    note_html = f'<p class="note">{note}</p>' if note else ""
    return f'<section id="{sid}" class="block"><h2>{title}</h2>{note_html}{body}</section>'


# -- sections ---------------------------------------------------------------------------------


def _articles_table(ctx: _Context) -> str:
    d = ctx.dossier
    sub_of = {aid: sub for sub in d.sub_events for aid in sub.articles}
    rows = []
    for aid in ctx.order:
        notes = []
        orig = d.duplicate_of.get(aid)
        if orig:
            notes.append(f'<span class="badge copy">copy of</span> {ctx.article_chip(orig)}')
        if aid not in ctx.articles:
            notes.append('<span class="badge warn">text not available</span>')
        if aid not in d.articles:
            notes.append('<span class="badge">cited, not in this story</span>')
        sub = sub_of.get(aid)
        phase = ""
        if sub is not None:
            phase = _e(sub.id) + (' <span class="badge main">main</span>' if sub.main else "")
        title = _e(ctx.title(aid))
        if aid in ctx.articles:
            title = f'<a href="#{ctx.anchor[aid]}">{title}</a>'
        row_class = ' class="is-copy"' if orig else ""
        rows.append(
            f'<tr{row_class}><td><span class="alabel">{ctx.label[aid]}</span></td>'
            f'<td class="outlet">{_e(ctx.outlet(aid))}</td><td class="date">{_e(ctx.date(aid))}'
            f"</td><td>{title}</td><td>{phase}</td><td>{' '.join(notes)}</td></tr>"
        )
    table = (
        '<div class="scroll"><table class="grid"><thead><tr><th>#</th><th>Outlet</th>'
        "<th>Date</th><th>Title</th><th>Phase</th><th>Note</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _section("articles", "Articles", table)


def _summary(ctx: _Context) -> str:
    if not ctx.dossier.summary:
        return ""
    sentences = " ".join(
        f'<span class="sent">{_e(s.text)}{ctx.cites(s.sources)}</span>' for s in ctx.dossier.summary
    )
    return _section(
        "summary",
        "Summary",
        f'<p class="summary">{sentences}</p>',
        "Every sentence links to the passages it rests on; click a number to read it "
        "in its article.",
    )


def _timeline(ctx: _Context) -> str:
    if not ctx.dossier.timeline:
        return ""
    dated = [(ev, parse_when(ev.date)) for ev in ctx.dossier.timeline]
    events = sorted(dated, key=lambda e: (e[1][0] if e[1] else date.max, e[0].date))
    chartable = []
    for ev, when in events:
        if when is not None:
            refs = [p for p in (ctx.passage(r) for r in ev.sources) if p is not None]
            chartable.append((ev, when, f"#{refs[0].pid}" if refs else "#timeline-list"))
    chart = timeline_chart(chartable)
    note = ""
    if chart is not None and chart.broken:
        note = (
            "The axis is broken (grey bands) where long stretches pass without events; the "
            "parts are not drawn to the same scale."
        )
    elif chart is None and chartable:
        note = "The dates are too far apart to draw on one axis; they are listed in order."
    rows = "".join(
        f'<tr><td class="date">{_e(ev.date)}</td><td>{_e(ev.what)}</td>'
        f"<td>{ctx.source_links(ev.sources)}</td></tr>"
        for ev, _ in events
    )
    table = (
        f'<div class="scroll"><table class="grid" id="timeline-list"><thead><tr><th>Date'
        f"</th><th>What</th><th>Sources</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
    svg = f'<div class="scroll chartbox">{chart.svg}</div>' if chart is not None else ""
    return _section("timeline", "Timeline", svg + table, note)


def _outlet_list(f: Fact) -> str:
    return " ".join(f'<span class="outlet-chip">{_e(o)}</span>' for o in f.outlets)


def _facts(ctx: _Context) -> str:
    out = ""
    if ctx.dossier.facts:
        rows = []
        for f in sorted(ctx.dossier.facts, key=lambda f: -f.count):
            copies = ""
            if f.copies:
                copies = (
                    '<div class="copies">also in copies (not counted): '
                    f"{ctx.source_links(f.copies, 'src copy')}</div>"
                )
            rows.append(
                f'<tr><td>{_e(f.statement)}</td><td class="num"><span class="count">{f.count}'
                f"</span></td><td>{_outlet_list(f)}</td><td>{ctx.source_links(f.sources)}"
                f"{copies}</td></tr>"
            )
        out += _section(
            "facts",
            "Confirmed by several outlets",
            '<div class="scroll"><table class="grid"><thead><tr><th>Statement</th><th>Outlets'
            "</th><th>Which</th><th>Passages</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>",
            "A near-duplicate of an article counts as the same source.",
        )
    if ctx.dossier.single_source:
        rows = []
        for f in ctx.dossier.single_source:
            who = _outlet_list(f) or " ".join(
                f'<span class="outlet-chip">{_e(ctx.outlet(a))}</span>'
                for a in dict.fromkeys(r.article for r in f.sources)
            )
            rows.append(
                f"<tr><td>{_e(f.statement)}</td><td>{who}</td>"
                f"<td>{ctx.source_links(f.sources)}</td></tr>"
            )
        out += _section(
            "single",
            "Single-source statements",
            '<div class="scroll"><table class="grid"><thead><tr><th>Statement</th><th>Only in'
            f"</th><th>Passage</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>",
            "Reported by one outlet only: not confirmed elsewhere in this story.",
        )
    return out


def _contradictions(ctx: _Context) -> str:
    if not ctx.dossier.contradictions:
        return ""
    cards = []
    for c in ctx.dossier.contradictions:
        claims = []
        for k in c.claims:
            ref = SourceRef(k.article, k.start, k.end, k.text)
            p = ctx.passage(ref)
            raw = ctx.passage_text(ref)
            passage = _quoted(_e(raw), raw)
            if p is not None:
                passage = f'<a class="claimlink" href="#{p.pid}">{passage}<sup>{p.num}</sup></a>'
            claims.append(
                f'<div class="claim"><div class="claimhead">{ctx.article_chip(k.article)} '
                f'<span class="date">{_e(ctx.date(k.article))}</span></div>'
                f'<div class="value">{_e(k.value)}</div><blockquote>{passage}</blockquote></div>'
            )
        apparent = (
            '<span class="badge ok">apparent: explained by publication time</span>'
            if c.apparent
            else ""
        )
        cards.append(
            f'<div class="contra{" apparent" if c.apparent else ""}"><h3>{_e(c.about)} '
            f'<span class="badge">{_e(c.kind)}</span> {apparent}</h3>'
            f'<div class="claims">{"".join(claims)}</div></div>'
        )
    return _section("contradictions", "Contradictions", "".join(cards))


def _quotes(ctx: _Context) -> str:
    if not ctx.dossier.quotes:
        return ""
    items = []
    for q in ctx.dossier.quotes:
        speaker = (
            f'<span class="speaker">{_e(q.speaker)}</span>'
            if q.speaker
            else '<span class="speaker unknown">unattributed</span>'
        )
        # Indirect speech is a paraphrase: quotation marks would claim verbatim wording.
        said = _e(q.text) if q.kind == "indirect" else _quoted(_e(q.text), q.text)
        where = ctx.source_links(q.sources) or " ".join(ctx.article_chip(a) for a in q.articles)
        items.append(
            f'<figure class="quote {_e(q.kind)}"><blockquote>{said}'
            f"</blockquote><figcaption>{speaker} "
            f'<span class="badge">{_e(q.kind)}</span> '
            f'<span class="where">{where}</span></figcaption></figure>'
        )
    return _section("quotes", "Quotes", "".join(items))


def _framing(ctx: _Context) -> str:
    framing = [f for f in ctx.dossier.framing if f.labels_by_article]
    if not framing:
        return ""
    cols = [a for a in ctx.order if any(a in f.labels_by_article for f in framing)]
    head = "".join(f"<th>{ctx.article_chip(a)}</th>" for a in cols)
    rows = []
    for f in framing:
        cells = []
        for a in cols:
            chips = []
            for lb in f.labels_by_article.get(a, []):
                # Link a label to the passage that shows it, when the evidence has one.
                ev = next(
                    (
                        r
                        for r in f.evidence
                        if r.article == a and lb.lower() in ctx.passage_text(r).lower()
                    ),
                    None,
                )
                p = ctx.passage(ev) if ev is not None else None
                if p is not None:
                    chips.append(f'<a class="label" href="#{p.pid}">{_e(lb)}</a>')
                else:
                    chips.append(f'<span class="label">{_e(lb)}</span>')
            cells.append("<td>" + (" ".join(chips) or '<span class="none">–</span>') + "</td>")
        rows.append(f'<tr><th class="actor">{_e(f.canonical)}</th>{"".join(cells)}</tr>')
    table = (
        f'<div class="scroll"><table class="grid matrix"><thead><tr><th>Actor</th>{head}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _section(
        "framing", "Framing", table, "How each article labels the actors (dictionary forms)."
    )


def _coverage(ctx: _Context) -> str:
    cov = ctx.dossier.coverage
    if not cov:
        return ""
    counts: dict[str, int] = {}
    for topics in cov.values():
        for t in topics:
            counts[t] = counts.get(t, 0) + 1
    # Most widely covered topics first, so the gaps of single articles stand out on the right.
    topics = sorted(counts, key=lambda t: (-counts[t], t))
    head = "".join(f'<th class="topic"><span>{_e(t)}</span></th>' for t in topics)
    rows = []
    for a in [a for a in ctx.order if a in cov] + [a for a in cov if a not in ctx.label]:
        cells = "".join(
            '<td class="yes" title="covered">●</td>'
            if t in cov[a]
            else '<td class="no" title="not covered"></td>'
            for t in topics
        )
        rows.append(f"<tr><th>{ctx.article_chip(a)}</th>{cells}</tr>")
    table = (
        f'<div class="scroll"><table class="grid matrix coverage"><thead><tr>'
        f"<th>Article</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _section("coverage", "Coverage", table, "Which article covers which topic.")


def _variants(variants: list[str]) -> str:
    return " ".join(f'<span class="variant">{_e(v)}</span>' for v in variants)


def _demonyms(e: StoryEntity) -> str:
    """The words that refer to a place without naming it ("russische", "Russen")."""
    if not e.demonyms:
        return ""
    n = len(e.demonym_articles)
    words = " ".join(f'<span class="variant">{_e(w)}</span>' for w in e.demonyms)
    return (
        f'<span class="demonyms">{"; " if e.variants else ""}also as {words} '
        f"({n} article{'s' * (n != 1)})</span>"
    )


def _entities(ctx: _Context) -> str:
    if not ctx.dossier.entities:
        return ""
    rows = "".join(
        f'<tr><th class="actor">{_e(e.canonical)}</th><td><span class="badge">{_e(e.label)}'
        f"</span></td><td>{_variants(e.variants)}{_demonyms(e)}</td>"
        f'<td class="num">{len(e.articles)}</td>'
        f'<td class="num">{e.mentions}</td></tr>'
        for e in ctx.dossier.entities
    )
    table = (
        '<div class="scroll"><table class="grid"><thead><tr><th>Entity</th><th>Type</th>'
        "<th>Spellings</th><th>Articles</th><th>Mentions</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )
    return _section("entities", "Entities", table)


def _highlight(text: str, passages: list[_Passage], lo: int = 0, hi: int | None = None) -> str:
    """``text[lo:hi]`` escaped, with every passage (clipped to it) wrapped in properly nested
    ``<mark>`` pieces; only the piece where a passage really starts carries its id."""
    hi = len(text) if hi is None else hi
    cuts = [(max(p.start, lo), min(p.end, hi), p) for p in passages if p.start < hi and p.end > lo]
    starts: dict[int, list[tuple[int, int, _Passage]]] = {}
    for c in cuts:
        starts.setdefault(c[0], []).append(c)
    for group in starts.values():
        # The longer passage opens first, so that it encloses the shorter ones.
        group.sort(key=lambda c: (-c[1], c[2].num))
    points = sorted({lo, hi} | {c[0] for c in cuts} | {c[1] for c in cuts})
    out: list[str] = []
    stack: list[tuple[int, int, _Passage]] = []
    for i, pos in enumerate(points):
        ending = [j for j, c in enumerate(stack) if c[1] == pos]
        if ending:
            # Close down to the lowest passage that ends here; those above it that go on are
            # reopened as continuation pieces (no id), keeping the markup well nested.
            low = ending[0]
            reopen = sorted((c for c in stack[low:] if c[1] != pos), key=lambda c: -c[1])
            out.append("</mark>" * (len(stack) - low))
            del stack[low:]
            for c in reopen:
                out.append(f'<mark class="hl {c[2].pid}">')
                stack.append(c)
        for c in starts.get(pos, []):
            p = c[2]
            head = f' id="{p.pid}" data-n="{p.num}"' if p.start == pos else ""
            out.append(f'<mark class="hl {p.pid}"{head}>')
            stack.append(c)
        if i + 1 < len(points):
            out.append(_e(text[pos : points[i + 1]]))
    return "".join(out)


@dataclass(slots=True)
class _Region:
    """A stretch of an article's text: kept (``text``), a removed stretch inside a kept line
    (``inline``) or removed whole lines (``lines``, with how many)."""

    start: int
    end: int
    kind: str
    reasons: list[str]
    lines: int = 0


def _regions(text: str, removed: Iterable[Removed]) -> list[_Region]:
    """``text`` cut into regions that cover it exactly, in order."""
    n = len(text)
    merged: list[_Region] = []
    for r in sorted(removed, key=lambda r: (r.start, r.end)):
        s, e = max(0, r.start), min(n, r.end)
        if s >= e:
            continue
        if merged and s <= merged[-1].end:
            merged[-1].end = max(merged[-1].end, e)
            merged[-1].reasons.append(r.reason)
        else:
            merged.append(_Region(s, e, "inline", [r.reason]))
    if not merged:
        return [_Region(0, n, "text", [])]
    # Runs of lines whose every visible character was removed (blank lines between them join
    # the run): they fold away as one block. A block takes its line end along, so that the
    # kept text after it does not open with an empty line.
    blocks: list[_Region] = []
    ls, pending = 0, False
    while ls <= n:
        le = text.find("\n", ls)
        le = n if le < 0 else le
        line = text[ls:le]
        cs, ce = ls + len(line) - len(line.lstrip()), le - (len(line) - len(line.rstrip()))
        if cs >= ce:
            pass  # a blank line neither opens nor closes a run
        else:
            hits = [m for m in merged if m.start < ce and m.end > cs]
            covered = any(m.start <= cs and m.end >= ce for m in hits)
            if covered and pending and blocks:
                blocks[-1].end = min(n, le + 1)
                blocks[-1].reasons += [w for m in hits for w in m.reasons]
                blocks[-1].lines += 1
            elif covered:
                blocks.append(
                    _Region(cs, min(n, le + 1), "lines", [w for m in hits for w in m.reasons], 1)
                )
            pending = covered
        ls = le + 1
    # What was removed outside those lines shows in place, inside its line.
    pieces: list[_Region] = list(blocks)
    for m in merged:
        s = m.start
        for b in blocks:
            if b.end <= s or b.start >= m.end:
                continue
            if b.start > s and text[s : b.start].strip():
                pieces.append(_Region(s, b.start, "inline", m.reasons))
            s = max(s, b.end)
        if s < m.end and text[s : m.end].strip():
            pieces.append(_Region(s, m.end, "inline", m.reasons))
    out: list[_Region] = []
    pos = 0
    for piece in sorted(pieces, key=lambda r: r.start):
        if piece.start > pos:
            out.append(_Region(pos, piece.start, "text", []))
        out.append(piece)
        pos = piece.end
    if pos < n:
        out.append(_Region(pos, n, "text", []))
    return out


def _why(reasons: list[str]) -> str:
    return ", ".join(dict.fromkeys(r.replace("_", " ") for r in reasons)) or "boilerplate"


def _source_text(text: str, removed: Iterable[Removed], passages: list[_Passage]) -> str:
    """The article text, every character of it, with removed lines greyed and folded away."""
    out = []
    for r in _regions(text, removed):
        inner = _highlight(text, passages, r.start, r.end)
        why = _e(_why(r.reasons))
        if r.kind == "lines":
            count = _plural(r.lines, "line")
            out.append(
                f'<details class="cut"><summary>Removed as boilerplate: {why} '
                f'<span class="count-lines">({count})</span></summary>'
                f'<span class="cuttext">{inner}</span></details>'
            )
        elif r.kind == "inline":
            out.append(
                f'<span class="cut" data-why="{why}" title="Removed as boilerplate: '
                f'{why}">{inner}</span>'
            )
        else:
            out.append(inner)
    return "".join(out)


def _reader(ctx: _Context) -> str:
    d = ctx.dossier
    parts = []
    for aid in ctx.order:
        art = ctx.articles.get(aid)
        if art is None:
            continue
        orig = d.duplicate_of.get(aid)
        copy = (
            f'<p class="meta"><span class="badge copy">copy of</span> {ctx.article_chip(orig)}</p>'
            if orig
            else ""
        )
        body = _source_text(art.text, art.removed, ctx.by_article.get(aid, []))
        # The UI is English; the article's own language helps screen readers and hyphenation.
        lang = f' lang="{art.language}"' if art.language and _LANG.fullmatch(art.language) else ""
        parts.append(
            f'<section class="article" id="{ctx.anchor[aid]}"><header><p class="meta">'
            f'<span class="alabel">{ctx.label[aid]}</span> <span class="outlet">'
            f'{_e(ctx.outlet(aid))}</span> · <span class="date">{_e(ctx.date(aid))}</span></p>'
            f"<h3>{_e(ctx.title(aid))}</h3>{copy}</header>"
            f'<div class="text"{lang}>{body}</div></section>'
        )
    if any(ctx.articles[a].removed for a in ctx.order if a in ctx.articles):
        parts.insert(
            0,
            '<p class="note">Grey and folded: what the cleaner removed as '
            "boilerplate (menus, bylines, share buttons). Click to unfold; the "
            "article body is set in black.</p>",
        )
    return "".join(parts)


# -- page -------------------------------------------------------------------------------------

_CSS = """
:root{--ink:#1c232b;--muted:#5b6673;--line:#dde2e8;--bg:#f4f5f7;--card:#fff;--accent:#1f5fa8;
--mark:#fff7d6;--mark-line:#e8c65a;--active:#ffb347;--warn:#b3261e;--ok:#2e7d32}
*{box-sizing:border-box}
html{scroll-padding-top:1rem}
body{margin:0;background:var(--bg);color:var(--ink);
font:15.5px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent);text-decoration:none}
a:hover,a:focus{text-decoration:underline}
.layout{display:block}
main{padding:1.5rem 1.5rem 4rem;max-width:64rem;margin:0 auto}
aside.reader{padding:1rem 1.5rem 4rem;background:var(--card);border-top:1px solid var(--line)}
@media (min-width:1100px){
 .layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(24rem,38%)}
 main{max-width:none;margin:0}
 aside.reader{position:sticky;top:0;height:100vh;overflow-y:auto;border-top:0;
 border-left:1px solid var(--line)}
}
header.page h1{font-size:1.65rem;line-height:1.25;margin:.2rem 0 .35rem;overflow-wrap:anywhere}
header.page .sub{color:var(--muted);margin:0 0 .8rem}
nav.toc{display:flex;flex-wrap:wrap;gap:.35rem;margin:.6rem 0 1.2rem}
nav.toc a{background:var(--card);border:1px solid var(--line);border-radius:999px;
padding:.1rem .7rem;font-size:.85rem;color:var(--ink)}
.block{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:1rem 1.25rem;margin:0 0 1.1rem}
.block h2{font-size:1.12rem;margin:0 0 .5rem;letter-spacing:.01em}
.note{color:var(--muted);font-size:.86rem;margin:-.25rem 0 .7rem}
.summary{font-size:1.06rem;line-height:1.7;margin:0}
.summary .sent{margin-right:.15rem}
sup.cites{font-size:.7rem;line-height:0;margin-left:.1rem;white-space:nowrap}
a.cite,span.cite{display:inline-block;line-height:1.35;min-width:1.35em;padding:0 .3em;
margin-left:.12rem;border-radius:4px;background:#e6eef8;color:var(--accent);text-align:center;font-weight:600}
a.cite:hover{background:var(--accent);color:#fff;text-decoration:none}
.missing{background:#fbe9e7!important;color:var(--warn)!important}
.scroll{overflow-x:auto}
table.grid{border-collapse:collapse;width:100%;font-size:.9rem}
table.grid th,table.grid td{border-bottom:1px solid var(--line);padding:.4rem .55rem;
text-align:left;vertical-align:top;overflow-wrap:break-word}
table.grid thead th{background:#f0f2f5;font-weight:600;font-size:.8rem;text-transform:uppercase;
letter-spacing:.03em;color:var(--muted)}
table.grid tbody tr:hover{background:#fafbfc}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.date,span.date{white-space:nowrap;font-variant-numeric:tabular-nums;color:var(--muted)}
td.outlet,span.outlet{font-weight:600}
tr.is-copy td{color:var(--muted)}
.alabel{display:inline-block;white-space:nowrap;font-size:.72rem;font-weight:700;color:#fff;background:#6b7785;
border-radius:4px;padding:0 .35em;margin-right:.1rem}
.achip{font-weight:600;overflow-wrap:anywhere}
.badge{display:inline-block;font-size:.72rem;font-weight:600;border-radius:4px;padding:0 .4em;
background:#eceff3;color:var(--muted);vertical-align:middle}
.badge.copy{background:#efe7f7;color:#6a3d9a}.badge.warn{background:#fbe9e7;color:var(--warn)}
.badge.ok{background:#e8f5e9;color:var(--ok)}.badge.main{background:#e6eef8;color:var(--accent)}
.count{display:inline-block;min-width:1.8em;text-align:center;font-weight:700;color:#fff;
background:var(--ok);border-radius:999px}
.outlet-chip,.variant,.label{display:inline-block;border:1px solid var(--line);border-radius:4px;
padding:0 .4em;margin:.1rem .15rem .1rem 0;background:#fafbfc;font-size:.85rem}
a.label{border-color:#c8d7ea}
a.src{display:inline-block;max-width:100%;overflow-wrap:anywhere;margin-right:.45rem}
a.src sup,.claimlink sup{color:var(--muted);margin-left:.1rem}
.src.copy{opacity:.7}
.copies{font-size:.8rem;color:var(--muted);margin-top:.2rem}
.none{color:#b0b8c2}
.chartbox{margin:.2rem 0 .8rem}
svg.chart{width:100%;min-width:640px;height:auto;display:block}
svg.chart .tick{stroke:#e3e7ec}
svg.chart .ticklabel{font-size:13px;fill:var(--muted)}
svg.chart .rowdate{font-size:14px;fill:var(--muted);font-variant-numeric:tabular-nums}
svg.chart .rowlabel{font-size:14px;fill:var(--ink)}
svg.chart .dot{fill:var(--accent)}svg.chart .bar{fill:#7fa6d6}
svg.chart .gap{fill:#eef1f4}svg.chart .zigzag{stroke:#8a96a3;stroke-width:2;fill:none}
svg.chart a:hover .rowlabel{fill:var(--accent);text-decoration:underline}
.contra{border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:8px;
padding:.6rem .9rem;margin:.6rem 0}
.contra.apparent{border-left-color:#9aa5b1}
.contra h3{font-size:1rem;margin:0 0 .5rem}
.claims{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.7rem}
.claim{background:#fafbfc;border:1px solid var(--line);border-radius:6px;padding:.5rem .65rem}
.claim .value{font-size:1.2rem;font-weight:700;margin:.2rem 0;overflow-wrap:anywhere}
.claim blockquote{margin:0;font-size:.88rem;color:#37414c}
figure.quote{margin:.5rem 0;padding:.5rem .9rem;border-left:3px solid #c8d7ea;background:#fafbfc}
figure.quote blockquote{margin:0;font-size:1rem;font-style:italic}
figure.quote.indirect blockquote{font-style:normal;color:#37414c}
figure.quote figcaption{font-size:.85rem;margin-top:.3rem;color:var(--muted)}
.speaker{font-weight:700;color:var(--ink)}.speaker.unknown{font-weight:400;font-style:italic}
table.matrix thead th{text-transform:none;font-size:.85rem;color:var(--ink)}
table.coverage td{text-align:center}
table.coverage td.yes{color:var(--accent);background:#f1f6fc}
.reader h2{font-size:1.05rem;margin:.3rem 0 .8rem;color:var(--muted);text-transform:uppercase;
letter-spacing:.04em}
section.article{border-top:1px solid var(--line);padding:.9rem 0 1.2rem}
section.article h3{font-size:1.08rem;line-height:1.3;margin:.15rem 0 .5rem;overflow-wrap:anywhere}
section.article .meta{margin:0;font-size:.85rem;color:var(--muted)}
section.article.active h3{color:var(--accent)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.95rem;line-height:1.65;
font-family:Georgia,"Times New Roman",serif}
details.cut{margin:.1rem 0;padding:0 .5rem;border-left:3px solid #d5dae0;border-radius:3px;
background:#f6f7f9;color:#7b8591}
details.cut summary{cursor:pointer;color:var(--muted);font:600 .74rem/1.9 system-ui,sans-serif;
white-space:normal}
details.cut .count-lines{font-weight:400}
.cuttext{display:block}
span.cut{color:#7b8591;background:#f1f3f5;border-radius:3px}
span.cut::before{content:attr(data-why);font:600 .62rem/1 system-ui,sans-serif;color:#7b8591;
border:1px solid #d5dae0;border-radius:3px;padding:0 .25em;margin-right:.3em;vertical-align:.15em}
mark.hl{background:var(--mark);color:inherit;border-bottom:1.5px solid var(--mark-line);
border-radius:2px;padding:0}
mark.hl mark.hl{background:#fde68a}
mark.hl[data-n]::before{content:attr(data-n);font:700 .62rem system-ui,sans-serif;
vertical-align:super;color:#8a6d00;margin-right:.1rem}
mark.hl:target,mark.hl.active,mark.hl.active mark.hl{background:var(--active);
border-bottom-color:#c25e00;box-shadow:0 0 0 2px #e07b00}
@media (max-width:600px){
 main{padding:1rem .6rem 3rem}aside.reader{padding:1rem .8rem 3rem}
 .block{padding:.8rem .7rem}
 table.grid th,table.grid td{padding:.35rem .4rem}
}
@media print{aside.reader{position:static;height:auto;overflow:visible}
 .layout{display:block}nav.toc{display:none}}
""".strip()

# Makes every piece of a passage stand out (the URL fragment only reaches the first piece), and
# re-highlights when the same citation is clicked again (no ``hashchange`` then). Ids are checked
# against the generated pattern before use, so no page content reaches a selector.
_JS = """
(function () {
  "use strict";
  var current = [];
  function activate(id) {
    current.forEach(function (el) { el.classList.remove("active"); });
    current = [];
    if (!/^p[0-9]+$/.test(id)) { return; }
    var first = document.getElementById(id);
    if (!first) { return; }
    current = Array.prototype.slice.call(document.querySelectorAll("mark." + id));
    var art = first.closest("section.article");
    if (art) { current.push(art); }
    current.forEach(function (el) {
      el.classList.add("active");
      // A passage in folded boilerplate is unfolded, or it could not be seen.
      var fold = el.closest("details");
      if (fold) { fold.open = true; }
    });
    first.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", function () { activate(location.hash.slice(1)); });
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[href]") : null;
    if (a && a.getAttribute("href") === location.hash) { activate(location.hash.slice(1)); }
  });
  if (location.hash) { activate(location.hash.slice(1)); }
})();
""".strip()


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def content_security_policy(css: str = _CSS, js: str = _JS) -> str:
    """Nothing may load; only the page's own inline style and script (by hash) may run."""
    return (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render_html(dossier: Dossier, articles: Mapping[str, Article]) -> str:
    """The dossier as one self-contained HTML page; ``articles`` maps article id to Article."""
    ctx = _Context(dossier, articles)
    # Counted as the facts count their sources, so header and tables agree.
    n_outlets = count_outlets(dossier.articles, articles)
    span = " – ".join(_e(x) for x in dict.fromkeys([dossier.first_seen, dossier.last_seen]) if x)
    title = dossier.title or "Untitled story"
    # Sections are rendered before the article texts: they register the passages to highlight.
    sections = [
        ("articles", "Articles", _articles_table(ctx)),
        ("summary", "Summary", _summary(ctx)),
        ("timeline", "Timeline", _timeline(ctx)),
        ("facts", "Facts", _facts(ctx)),
        ("contradictions", "Contradictions", _contradictions(ctx)),
        ("quotes", "Quotes", _quotes(ctx)),
        ("framing", "Framing", _framing(ctx)),
        ("coverage", "Coverage", _coverage(ctx)),
        ("entities", "Entities", _entities(ctx)),
    ]
    toc = "".join(f'<a href="#{sid}">{name}</a>' for sid, name, body in sections if body)
    reader = _reader(ctx)
    sub = f"{_plural(len(dossier.articles), 'article')} · {_plural(n_outlets, 'outlet')}"
    sub += f" · {span}" if span else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(content_security_policy())}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="pressespiegel">'
        f"<title>{_e(title)} · pressespiegel</title><style>{_CSS}</style></head>"
        '<body><div class="layout"><main><header class="page">'
        f'<h1>{_e(title)}</h1><p class="sub">{sub}</p><nav class="toc">{toc}'
        '<a href="#texts">Source texts</a></nav></header>'
        f"{''.join(body for _, _, body in sections)}</main>"
        '<aside class="reader" id="texts" aria-label="Source texts"><h2>Source texts</h2>'
        f"{reader}</aside></div><script>{_JS}</script></body></html>\n"
    )
