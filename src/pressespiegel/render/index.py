"""The index page of a dossier folder: every story, linking to its dossier files where written.

Every story is listed, those too small for a dossier file too (marked, and without a link), so
that the index is the one overview of what was analysed. The HTML page is self-contained under
the same strict Content-Security-Policy as the dossiers: its only style and script are inline and
allowed by hash, nothing loads, and every story string is escaped. Without JavaScript it is the
full list in the order given; the script only adds a search over titles and outlets and sorting
by date or size. It reads story data from the page's own text and attributes, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Sized
from dataclasses import dataclass, field
from html import escape
from typing import Any, Protocol

from .html import content_security_policy as _policy
from .markdown import escape_md

__all__ = ["Listed", "StoryListing", "render_index"]


class Listed(Protocol):
    """What the index shows of a story: a :class:`~pressespiegel.model.Dossier` has it, and so
    has a :class:`StoryListing` read from a stored dossier without building one."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def articles(self) -> Sequence[str]: ...
    @property
    def first_seen(self) -> str | None: ...
    @property
    def last_seen(self) -> str | None: ...
    @property
    def outlets(self) -> Mapping[str, str | None]: ...
    @property
    def facts(self) -> Sized: ...
    @property
    def contradictions(self) -> Sized: ...


@dataclass(frozen=True, slots=True)
class StoryListing:
    """The index's view of a story, taken from its dossier's JSON as stored."""

    id: str
    title: str
    articles: list[str]
    first_seen: str | None = None
    last_seen: str | None = None
    outlets: dict[str, str | None] = field(default_factory=dict)
    facts: list[Any] = field(default_factory=list)
    contradictions: list[Any] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryListing:
        return cls(
            data["id"],
            data.get("title") or "",
            list(data.get("articles") or []),
            data.get("first_seen"),
            data.get("last_seen"),
            dict(data.get("outlets") or {}),
            list(data.get("facts") or []),
            list(data.get("contradictions") or []),
        )


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _outlets(d: Listed) -> list[str]:
    return list(dict.fromkeys(o for o in d.outlets.values() if o))


def render_index(stories: Sequence[tuple[Listed, dict[str, str]]], fmt: str) -> str:
    """``stories``: (dossier, {format: file name}) for every story, with an empty mapping where
    no dossier file was written; ``fmt`` is ``html`` or ``md``."""
    return _markdown(stories) if fmt == "md" else _html(stories)


def _markdown(stories: Sequence[tuple[Listed, dict[str, str]]]) -> str:
    lines = [
        "# Stories",
        "",
        "| story | articles | outlets | first seen | last seen | facts |",
        "|---|---|---|---|---|---|",
    ]

    for d, files in stories:
        title = escape_md(d.title or d.id)
        link = f"[{title}]({files['md']})" if "md" in files else title
        size = str(len(d.articles)) + (" (single article)" if len(d.articles) == 1 else "")
        lines.append(
            f"| {link} | {size} | {escape_md(', '.join(_outlets(d))) or '–'} | "
            f"{d.first_seen or '–'} | {d.last_seen or '–'} | {len(d.facts)} |"
        )
    return "\n".join(lines) + "\n"


def _item(i: int, d: Listed, files: dict[str, str]) -> str:
    n = len(d.articles)
    outlets = _outlets(d)
    title = _e(d.title or d.id)
    target = files.get("html")
    head = f'<a href="{_e(target)}">{title}</a>' if target else title
    meta = [_plural(n, "article"), _plural(len(outlets), "outlet")]
    span = " – ".join(dict.fromkeys(x for x in (d.first_seen, d.last_seen) if x))
    if span:
        meta.append(f'<span class="date">{_e(span)}</span>')
    if d.facts:
        meta.append(_plural(len(d.facts), "confirmed fact"))
    if d.contradictions:
        meta.append(_plural(len(d.contradictions), "contradiction"))
    badges = []
    if n == 1:
        badges.append('<span class="badge single">single article</span>')
    if not target:
        badges.append('<span class="badge nofile">no dossier file</span>')
    other = [
        f'<a href="{_e(files[f])}">{label}</a>'
        for f, label in (("md", "Markdown"), ("json", "JSON"))
        if f in files
    ]
    if other:
        meta.append(" ".join(other))
    who = " · ".join(_e(o) for o in outlets) or "unknown outlet"
    return (
        f'<li class="story{" single" if n == 1 else ""}" data-size="{n}" '
        f'data-first="{_e(d.first_seen or "")}" data-last="{_e(d.last_seen or d.first_seen or "")}"'
        f' data-order="{i}"><h2 class="title">{head}</h2>{" ".join(badges)}'
        f'<p class="meta">{" · ".join(meta)}</p><p class="outlets">{who}</p></li>'
    )


_CSS = """
:root{--ink:#1c232b;--muted:#5b6673;--line:#dde2e8;--bg:#f4f5f7;--card:#fff;--accent:#1f5fa8}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--ink);
font:15.5px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{font-size:1.6rem;margin:.2rem 0 .3rem}
.sub{color:var(--muted);margin:0 0 1rem}
a{color:var(--accent);text-decoration:none}
a:hover,a:focus{text-decoration:underline}
.controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:0 0 1rem}
.controls label{display:flex;gap:.4rem;align-items:center;font-size:.9rem;color:var(--muted)}
.controls .search{flex:1 1 14rem;min-width:0}
.controls input{flex:1;min-width:0;width:100%;font:inherit;padding:.35rem .6rem;
border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--ink)}
.controls select{font:inherit;padding:.3rem .4rem;border:1px solid var(--line);border-radius:6px;
background:var(--card);color:var(--ink)}
.shown{font-size:.85rem;color:var(--muted)}
ol.stories{list-style:none;margin:0;padding:0}
li.story{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:.7rem 1rem;margin:0 0 .6rem}
li.story h2{display:inline;font-size:1.05rem;line-height:1.35;margin:0 .4rem 0 0;
overflow-wrap:anywhere}
li.story.single{background:#fafbfc}
li.story.single h2{font-weight:600}
.meta,.outlets{margin:.25rem 0 0;font-size:.86rem;color:var(--muted);overflow-wrap:anywhere}
.outlets{color:var(--ink)}
.date{white-space:nowrap;font-variant-numeric:tabular-nums}
.badge{display:inline-block;font-size:.72rem;font-weight:600;border-radius:4px;padding:0 .4em;
margin-right:.25rem;background:#eceff3;color:var(--muted);vertical-align:.1em;white-space:nowrap}
.badge.single{background:#fff4e0;color:#8a5200}
.none{color:var(--muted)}
""".strip()

# Filters and sorts the list in place. It reads only the page's own text and data attributes and
# writes only `hidden`, the order of existing elements and a count as text.
_JS = """
(function () {
  "use strict";
  var list = document.getElementById("stories");
  var controls = document.getElementById("controls");
  var q = document.getElementById("q");
  var sort = document.getElementById("sort");
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");
  if (!list || !controls || !q || !sort || !shown || !none) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("li.story"));
  function fold(s) {
    return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  var keys = items.map(function (li) {
    var t = li.querySelector(".title"), o = li.querySelector(".outlets");
    return fold((t ? t.textContent : "") + " " + (o ? o.textContent : ""));
  });
  function attr(li, name) { return li.getAttribute(name) || ""; }
  function byDate(a, b, name, sign) {
    var x = attr(a, name), y = attr(b, name);
    if (x === y) { return 0; }
    if (!x) { return 1; }  // undated stories last, either way
    if (!y) { return -1; }
    return (x < y ? -1 : 1) * sign;
  }
  function compare(a, b) {
    var d = 0;
    if (sort.value === "new") { d = byDate(a, b, "data-last", -1); }
    else if (sort.value === "old") { d = byDate(a, b, "data-first", 1); }
    else if (sort.value === "small") { d = attr(a, "data-size") - attr(b, "data-size"); }
    else { d = attr(b, "data-size") - attr(a, "data-size"); }
    return d || attr(a, "data-order") - attr(b, "data-order");
  }
  function apply() {
    var words = fold(q.value).split(/\\s+/).filter(Boolean);
    var n = 0;
    items.forEach(function (li, i) {
      var hit = words.every(function (w) { return keys[i].indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) { n += 1; }
    });
    items.slice().sort(compare).forEach(function (li) { list.appendChild(li); });
    shown.textContent = n + " of " + items.length + " shown";
    none.hidden = n > 0;
  }
  q.addEventListener("input", apply);
  sort.addEventListener("change", apply);
  controls.hidden = false;
  apply();
})();
""".strip()


def content_security_policy() -> str:
    """Nothing may load; only this page's own inline style and script may run."""
    return _policy(_CSS, _JS)


def _html(stories: Sequence[tuple[Listed, dict[str, str]]]) -> str:
    items = "".join(_item(i, d, files) for i, (d, files) in enumerate(stories))
    with_file = sum(1 for _, files in stories if "html" in files)
    single = sum(1 for d, _ in stories if len(d.articles) == 1)
    count = "1 story" if len(stories) == 1 else f"{len(stories)} stories"
    sub = f"{count} · {with_file} with a dossier file · {single} single-article"
    empty = "" if stories else '<p class="none">No stories yet.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(content_security_policy())}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="pressespiegel">'
        f"<title>Stories · pressespiegel</title><style>{_CSS}</style></head>"
        f'<body><main><h1>Stories</h1><p class="sub">{sub}</p>'
        '<div class="controls" id="controls" hidden>'
        '<label class="search">Search <input type="search" id="q" '
        'placeholder="title or outlet" autocomplete="off"></label>'
        '<label>Sort <select id="sort"><option value="size">most articles first</option>'
        '<option value="small">fewest articles first</option>'
        '<option value="new">newest first</option><option value="old">oldest first</option>'
        '</select></label><span class="shown" id="shown" aria-live="polite"></span></div>'
        f'<ol class="stories" id="stories">{items}</ol>'
        f'<p class="none" id="none" hidden>No story matches the search.</p>{empty}'
        f"</main><script>{_JS}</script></body></html>\n"
    )
