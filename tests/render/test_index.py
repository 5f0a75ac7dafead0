"""The index page: every story, links only to files that exist, escaped, under the strict CSP."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from pressespiegel.model import Contradiction, Dossier, Fact
from pressespiegel.render.index import StoryListing, render_index
from tests.render.conftest import PAYLOAD, build_index
from tests.render.test_html import parse


def items(page: str) -> list[str]:
    return re.findall(r'<li class="story[^"]*".*?</li>', page)


def test_every_story_is_listed_with_links_only_to_written_files() -> None:
    page = render_index(build_index(), "html")
    rows = items(page)
    assert len(rows) == 5
    big, evil, md_only, single, single_file = rows
    assert '<a href="s-big.html">Neue Rheinbrücke in Lindenau eröffnet</a>' in big
    assert '<a href="s-big.md">Markdown</a>' in big and '<a href="s-big.json">JSON</a>' in big
    # No HTML file: the title is plain text, and says so.
    assert "Wahl in Österreich</h2>" in md_only and 'href="s-md.md"' in md_only
    assert "no dossier file" in md_only
    assert "<a" not in single and "Hochwasser an der Merve</h2>" in single
    assert "single article" in single and "no dossier file" in single
    assert "single article" in single_file and "no dossier file" not in single_file
    assert '<a href="s-single-file.html">' in single_file
    assert "single article" not in big + evil + md_only
    assert "5 stories · 3 with a dossier file · 2 single-article" in page


def test_stories_carry_what_search_and_sorting_read() -> None:
    page = render_index(build_index(), "html")
    big = items(page)[0]
    assert 'data-size="4" data-first="2023-09-01" data-last="2024-03-13" data-order="0"' in big
    assert "Tageskurier · Nordblick · Stadtanzeiger · Der Beobachter" in big
    assert "4 articles · 4 outlets · " in big and "2023-09-01 – 2024-03-13" in big
    # An undated story sorts last; its attributes are empty, not missing.
    assert 'data-first="" data-last=""' in items(page)[4]


def test_hostile_strings_are_escaped() -> None:
    page = render_index(build_index(), "html")
    p = parse(page)
    assert PAYLOAD not in page
    assert "<img" not in page
    assert [t for t, _ in p.tags].count("script") == 1
    assert 'href="s-evil&quot;.html"' in page
    assert f"Story {PAYLOAD}" in "".join(p.text)
    assert f"Outlet {PAYLOAD}" in "".join(p.text)


def test_viewport_and_strict_policy_with_hashes() -> None:
    page = render_index(build_index(), "html")
    p = parse(page)
    metas = {
        a.get("name") or a.get("http-equiv"): a.get("content") for t, a in p.tags if t == "meta"
    }
    assert metas["viewport"] == "width=device-width, initial-scale=1"
    csp = metas["Content-Security-Policy"] or ""

    def digest(s: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'{digest(p.scripts[0])}'"
    assert directives["style-src"] == f"'{digest(p.styles[0])}'"
    assert "unsafe" not in csp
    assert all("style" not in a and not any(k.startswith("on") for k in a) for _, a in p.tags)
    for tag, attrs in p.tags:
        assert tag not in {"img", "link", "iframe", "object", "embed", "base", "form"}
        assert "src" not in attrs
    # The controls exist for the script; without it they stay hidden and the list is complete.
    assert re.search(r'<div class="controls" id="controls" hidden>', page)


def test_empty_index() -> None:
    page = render_index([], "html")
    assert "No stories yet." in page and "0 stories" in page
    parse(page)


def test_markdown_lists_every_story() -> None:
    md = render_index(build_index(), "md")
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 5
    assert rows[0].startswith(
        "| [Neue Rheinbrücke in Lindenau eröffnet](s-big.md) | 4 | Tageskurier, Nordblick, "
    )
    # No Markdown file: no link; markup in titles and outlets is escaped for any viewer.
    assert rows[1].startswith("| Story \\<script\\>")
    assert "<" not in md.replace("\\<", "")
    assert rows[2].startswith("| [Wahl in Österreich](s-md.md) | 3 |")
    assert rows[3].startswith("| Hochwasser an der Merve | 1 (single article) | Merve-Kurier |")
    assert all(row.count(" | ") == 5 for row in rows)


def test_markdown_cells_cannot_break_the_table() -> None:
    d = Dossier(id="x", title="a | b\nc", articles=["1"], outlets={"1": "O|P"})
    md = render_index([(d, {})], "md")
    assert "| a \\| b c | 1 (single article) | O\\|P |" in md


def test_a_story_listed_from_its_stored_json_reads_as_its_dossier() -> None:
    # write_dossiers lists most stories from their stored JSON without building a Dossier: the
    # page must be the one the dossiers themselves give.
    entries = build_index()
    big = entries[0][0]
    big.facts = [
        Fact("Die Brücke ist offen.", [], ["Tageskurier", "Nordblick"]),
        Fact("Sie kostete viel.", [], ["Tageskurier", "Stadtanzeiger"]),
    ]
    big.contradictions = [Contradiction("Kosten", "number", [])]
    stored = [(StoryListing.from_dict(json.loads(json.dumps(d.to_dict()))), f) for d, f in entries]
    for fmt in ("html", "md"):
        assert render_index(stored, fmt) == render_index(entries, fmt)
    assert "2 confirmed facts" in render_index(stored, "html")
    assert "1 contradiction" in render_index(stored, "html")
