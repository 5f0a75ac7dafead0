"""Render a story dossier as Markdown: readable as plain text, and safe in any Markdown viewer.

Every string that comes from an article (titles, outlets, passages, entity names, labels) is
escaped, so that a title such as ``# <script>`` or a passage containing ``|`` can neither inject
HTML into a viewer nor break a table. Citations are numbered ``[1]`` per distinct passage, in order
of first use, and resolved in the "Sources" list at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..model import Article, Dossier, Fact, SourceRef, StoryEntity

__all__ = ["escape_md", "render_markdown"]

# Backslash-escaping ASCII punctuation is always literal in CommonMark, so these escapes are safe
# everywhere; the set is what can start emphasis, code, links, raw HTML, entities, strikethrough or
# a table cell boundary inside a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
# At the start of a line these turn a paragraph into a heading, quote, list or rule.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
_WS = re.compile(r"\s+")


def escape_md(text: str | None) -> str:
    """Article-derived text as one inert Markdown line (newlines folded: cells are one line)."""
    if not text:
        return ""
    line = _WS.sub(" ", text).strip()
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    return _LINE_START.sub(_escape_line_start, line)


def _escape_line_start(m: re.Match[str]) -> str:
    # A digit cannot be backslash-escaped; the list marker's punctuation after it can.
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)


_QUOTE_MARKS = "„“”\"«»‚‘’'"


def _quoted(text: str) -> str:
    """A passage in German quotation marks, unless it already brings its own."""
    inner = escape_md(text)
    if text.strip()[:1] in _QUOTE_MARKS and text.strip()[-1:] in _QUOTE_MARKS:
        return inner
    return f"„{inner}“"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class _Sources:
    """Numbers distinct passages in order of first citation, so that all sections share one list."""

    def __init__(self) -> None:
        self.refs: list[SourceRef] = []
        self._index: dict[tuple[str, int, int], int] = {}

    def cite(self, refs: Iterable[SourceRef]) -> str:
        numbers: list[int] = []
        for ref in refs:
            key = (ref.article, ref.start, ref.end)
            if key not in self._index:
                self.refs.append(ref)
                self._index[key] = len(self.refs)
            if self._index[key] not in numbers:
                numbers.append(self._index[key])
        return "".join(f"[{n}]" for n in numbers)


class _Context:
    def __init__(self, dossier: Dossier, articles: Mapping[str, Article]) -> None:
        self.dossier = dossier
        self.articles = articles
        self.sources = _Sources()
        order = list(dossier.articles)
        # Articles that are cited but missing from the story list still need a stable label.
        for ref_aid in _all_cited_articles(dossier):
            if ref_aid not in order:
                order.append(ref_aid)
        self.order = order
        self.label = {aid: f"A{i + 1}" for i, aid in enumerate(order)}

    def outlet(self, aid: str) -> str:
        outlet = self.dossier.outlets.get(aid)
        art = self.articles.get(aid)
        if not outlet and art is not None:
            outlet = art.outlet
        return escape_md(outlet) or "unknown outlet"

    def date(self, aid: str) -> str:
        art = self.articles.get(aid)
        return escape_md(art.published) if art is not None and art.published else "n. d."

    def title(self, aid: str) -> str:
        art = self.articles.get(aid)
        return escape_md(art.title) if art is not None and art.title else "(untitled)"

    def short(self, aid: str) -> str:
        """``A2 Outlet``: how a table refers to an article."""
        return f"{self.label.get(aid, '?')} {self.outlet(aid)}"

    def passage(self, ref: SourceRef) -> str:
        art = self.articles.get(ref.article)
        # The offsets are the contract; ``ref.text`` is only a fallback when the article is absent
        # or the offsets do not fit its text.
        if art is not None and 0 <= ref.start < ref.end <= len(art.text):
            return art.text[ref.start : ref.end]
        return ref.text


def _all_cited_articles(d: Dossier) -> list[str]:
    refs: list[SourceRef] = []
    for s in d.summary:
        refs += s.sources
    for t in d.timeline:
        refs += t.sources
    for f in [*d.facts, *d.single_source]:
        refs += f.sources + f.copies
    for q in d.quotes:
        refs += q.sources
    seen = [r.article for r in refs]
    seen += [c.article for ct in d.contradictions for c in ct.claims]
    return list(dict.fromkeys(seen))


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _articles(ctx: _Context) -> list[str]:
    d = ctx.dossier
    sub_of = {aid: sub for sub in d.sub_events for aid in sub.articles}
    rows = []
    for aid in ctx.order:
        notes = []
        orig = d.duplicate_of.get(aid)
        if orig:
            notes.append(f"copy of {ctx.short(orig)}")
        if aid not in ctx.articles:
            notes.append("text not available")
        if aid not in d.articles:
            notes.append("cited, not in this story")
        sub = sub_of.get(aid)
        rows.append(
            [
                ctx.label[aid],
                ctx.outlet(aid),
                ctx.date(aid),
                ctx.title(aid),
                escape_md(sub.id) if sub else "",
                "; ".join(notes),
            ]
        )
    lines = ["## Articles", ""]
    lines += _table(["#", "Outlet", "Date", "Title", "Phase", "Note"], rows)
    if d.sub_events:
        lines += ["", "### Phases", ""]
        for sub in d.sub_events:
            span = " – ".join(escape_md(x) for x in dict.fromkeys([sub.first, sub.last]) if x)
            main = " (main event)" if sub.main else ""
            members = ", ".join(ctx.short(a) for a in sub.articles)
            lines.append(f"- **{escape_md(sub.id)}**{main}: {span or 'undated'}; {members}")
    return lines


def _summary(ctx: _Context) -> list[str]:
    if not ctx.dossier.summary:
        return []
    text = " ".join(
        f"{escape_md(s.text)} {ctx.sources.cite(s.sources)}".strip() for s in ctx.dossier.summary
    )
    return ["## Summary", "", text]


def _timeline(ctx: _Context) -> list[str]:
    if not ctx.dossier.timeline:
        return []
    rows = []
    for ev in sorted(ctx.dossier.timeline, key=lambda e: e.date):
        outlets = ", ".join(dict.fromkeys(ctx.outlet(r.article) for r in ev.sources))
        rows.append([escape_md(ev.date), escape_md(ev.what), outlets, ctx.sources.cite(ev.sources)])
    return ["## Timeline", "", *_table(["Date", "What", "Outlets", "Sources"], rows)]


def _fact_outlets(f: Fact) -> str:
    return ", ".join(escape_md(o) for o in f.outlets)


def _facts(ctx: _Context) -> list[str]:
    lines: list[str] = []
    if ctx.dossier.facts:
        rows = []
        for f in sorted(ctx.dossier.facts, key=lambda f: -f.count):
            cites = ctx.sources.cite(f.sources)
            if f.copies:
                cites += " (copies: " + ctx.sources.cite(f.copies) + ")"
            rows.append([escape_md(f.statement), str(f.count), _fact_outlets(f), cites])
        lines += [
            "## Confirmed by several outlets",
            "",
            *_table(["Statement", "Outlets", "Which", "Sources"], rows),
        ]
    if ctx.dossier.single_source:
        lines += ([""] if lines else []) + ["## Single-source statements", ""]
        for f in ctx.dossier.single_source:
            who = _fact_outlets(f) or ", ".join(
                dict.fromkeys(ctx.outlet(r.article) for r in f.sources)
            )
            lines.append(f"- {escape_md(f.statement)} — only {who} {ctx.sources.cite(f.sources)}")
    return lines


def _contradictions(ctx: _Context) -> list[str]:
    if not ctx.dossier.contradictions:
        return []
    lines = ["## Contradictions"]
    for c in ctx.dossier.contradictions:
        lines += ["", f"### {escape_md(c.about)} ({escape_md(c.kind)})", ""]
        if c.apparent:
            lines += ["*Apparent: the difference is explained by publication time.*", ""]
        header = [""] + [ctx.short(k.article) for k in c.claims]
        rows = [
            ["Date"] + [ctx.date(k.article) for k in c.claims],
            ["Value"] + [f"**{escape_md(k.value)}**" for k in c.claims],
            ["Passage"]
            + [
                _quoted(ctx.passage(SourceRef(k.article, k.start, k.end, k.text)))
                + " "
                + ctx.sources.cite([SourceRef(k.article, k.start, k.end, k.text)])
                for k in c.claims
            ],
        ]
        lines += _table(header, rows)
    return lines


def _quotes(ctx: _Context) -> list[str]:
    if not ctx.dossier.quotes:
        return []
    lines = ["## Quotes", ""]
    for q in ctx.dossier.quotes:
        speaker = escape_md(q.speaker) if q.speaker else "unattributed"
        where = ", ".join(ctx.short(a) for a in q.articles)
        lines.append(
            f"- **{speaker}** ({q.kind}): {_quoted(q.text)} — {where} "
            f"{ctx.sources.cite(q.sources)}".rstrip()
        )
    return lines


def _framing(ctx: _Context) -> list[str]:
    framing = [f for f in ctx.dossier.framing if f.labels_by_article]
    if not framing:
        return []
    cols = [a for a in ctx.order if any(a in f.labels_by_article for f in framing)]
    rows = [
        [f"**{escape_md(f.canonical)}**"]
        + [", ".join(escape_md(lb) for lb in f.labels_by_article.get(a, [])) for a in cols]
        for f in framing
    ]
    return [
        "## Framing: how each article labels the actors",
        "",
        *_table(["Actor", *(ctx.short(a) for a in cols)], rows),
    ]


def _coverage(ctx: _Context) -> list[str]:
    cov = ctx.dossier.coverage
    if not cov:
        return []
    counts: dict[str, int] = {}
    for topics in cov.values():
        for t in topics:
            counts[t] = counts.get(t, 0) + 1
    # Most widely covered topics first: the gaps of single articles then stand out on the right.
    topics = sorted(counts, key=lambda t: (-counts[t], t))
    rows = [
        [ctx.short(a)] + ["●" if t in cov[a] else "" for t in topics] for a in ctx.order if a in cov
    ] + [
        [ctx.short(a)] + ["●" if t in cov[a] else "" for t in topics]
        for a in cov
        if a not in ctx.label
    ]
    return ["## Coverage", "", *_table(["Article", *(escape_md(t) for t in topics)], rows)]


def _demonyms(e: StoryEntity) -> str:
    """ "; also as russische, Russen (2 articles)": the words that refer to a place without
    naming it."""
    if not e.demonyms:
        return ""
    n = len(e.demonym_articles)
    words = ", ".join(f"*{escape_md(w)}*" for w in e.demonyms)
    return f"{'; ' if e.variants else ''}also as {words} ({n} article{'s' * (n != 1)})"


def _entities(ctx: _Context) -> list[str]:
    if not ctx.dossier.entities:
        return []
    rows = [
        [
            f"**{escape_md(e.canonical)}**",
            e.label,
            ", ".join(escape_md(v) for v in e.variants) + _demonyms(e),
            str(len(e.articles)),
            str(e.mentions),
        ]
        for e in ctx.dossier.entities
    ]
    return [
        "## Entities",
        "",
        *_table(["Entity", "Type", "Spellings", "Articles", "Mentions"], rows),
    ]


def _source_list(ctx: _Context) -> list[str]:
    if not ctx.sources.refs:
        return []
    lines = ["## Sources", ""]
    for n, ref in enumerate(ctx.sources.refs, 1):
        lines.append(
            f"- [{n}] {ctx.short(ref.article)}, *{ctx.title(ref.article)}* "
            f"({ctx.date(ref.article)}): {_quoted(ctx.passage(ref))}"
        )
    return lines


def render_markdown(dossier: Dossier, articles: Mapping[str, Article]) -> str:
    """The dossier as one Markdown document; ``articles`` maps article id to Article."""
    ctx = _Context(dossier, articles)
    n_outlets = len({ctx.outlet(a) for a in dossier.articles})
    span = " – ".join(
        escape_md(x) for x in dict.fromkeys([dossier.first_seen, dossier.last_seen]) if x
    )
    head = [
        f"# {escape_md(dossier.title) or 'Untitled story'}",
        "",
        f"*{_plural(len(dossier.articles), 'article')} from {_plural(n_outlets, 'outlet')}"
        + (f", {span}" if span else "")
        + "*",
    ]
    # Sections are built in reading order, because citation numbers follow first use.
    sections = [
        head,
        _articles(ctx),
        _summary(ctx),
        _timeline(ctx),
        _facts(ctx),
        _contradictions(ctx),
        _quotes(ctx),
        _framing(ctx),
        _coverage(ctx),
        _entities(ctx),
        _source_list(ctx),
    ]
    return "\n\n".join("\n".join(s) for s in sections if s) + "\n"
