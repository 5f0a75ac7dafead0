"""The Markdown dossier: sections, numbered citations resolved in the source list, escaping."""

from __future__ import annotations

import re

import pytest

from pressespiegel.model import Dossier, SourceRef, SummarySentence
from pressespiegel.render.markdown import escape_md, render_markdown
from tests.render.conftest import A2, PAYLOAD, Story

CITE = re.compile(r"(?<!\\)\[(\d+)\]")


def sources_list(md: str) -> dict[int, str]:
    """``{n: line}`` for the entries of the final "Sources" section."""
    tail = md.split("\n## Sources\n", 1)[1]
    return {
        int(m.group(1)): m.group(0)
        for m in re.finditer(r"^- \[(\d+)\] .*$", tail, flags=re.MULTILINE)
    }


def body(md: str) -> str:
    return md.split("\n## Sources\n", 1)[0]


def cells(row: str) -> list[str]:
    """Split a table row at pipes that are not backslash-escaped."""
    out, cur, i = [], "", 0
    while i < len(row):
        if row[i] == "\\" and i + 1 < len(row):
            cur += row[i : i + 2]
            i += 2
            continue
        if row[i] == "|":
            out.append(cur)
            cur = ""
        else:
            cur += row[i]
        i += 1
    out.append(cur)
    return out[1:-1]


def tables(md: str) -> list[list[str]]:
    """Each Markdown table as its list of row lines."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found


def test_sections_in_reading_order(story: Story) -> None:
    md = render_markdown(*story)
    headings = re.findall(r"^## (.+)$", md, flags=re.MULTILINE)
    assert headings == [
        "Articles",
        "Summary",
        "Timeline",
        "Confirmed by several outlets",
        "Single-source statements",
        "Contradictions",
        "Quotes",
        "Framing: how each article labels the actors",
        "Coverage",
        "Entities",
        "Sources",
    ]
    assert md.startswith("# Neue Rheinbrücke in Lindenau eröffnet\n")


def test_summary_sentences_carry_numbered_citations(story: Story) -> None:
    md = render_markdown(*story)
    summary = md.split("## Summary\n\n", 1)[1].split("\n", 1)[0]
    assert "Die neue Rheinbrücke in Lindenau ist eröffnet. [1][2]" in summary
    assert "Die Angaben zu den Kosten gehen auseinander. [3][4]" in summary
    assert summary.endswith("Bürgermeisterin Keller sprach von einem guten Tag. [5]")


def test_every_citation_resolves_to_its_passage(story: Story) -> None:
    dossier, arts = story
    md = render_markdown(dossier, arts)
    entries = sources_list(md)
    used = {int(n) for n in CITE.findall(body(md))}
    assert used == set(entries) == set(range(1, len(entries) + 1))
    # The summary's refs, in order, are sources 1..5: check each entry quotes its passage.
    refs = [r for s in dossier.summary for r in s.sources]
    for n, r in enumerate(refs, 1):
        passage = escape_md(arts[r.article].text[r.start : r.end])
        assert passage in entries[n]
        assert dossier.outlets[r.article] in entries[n]
        assert arts[r.article].title and escape_md(arts[r.article].title) in entries[n]


def test_a_passage_cited_twice_keeps_its_number(story: Story) -> None:
    md = render_markdown(*story)
    # The opening sentence of A1 is summary source [1], and the timeline and the fact cite it.
    timeline = md.split("## Timeline", 1)[1].split("\n## ", 1)[0]
    assert "| Eröffnung der Brücke | Tageskurier | [1] |" in timeline
    assert "[1][2] (copies: [8])" in md


def test_copies_and_phases(story: Story) -> None:
    md = render_markdown(*story)
    row = next(line for line in md.splitlines() if line.startswith("| A3 "))
    assert "copy of A1 Tageskurier" in row
    assert "- **eroeffnung** (main event): 2024-03-12 – 2024-03-13;" in md
    assert "- **ankuendigung**: 2023-09-01; A4 Der Beobachter" in md


def test_facts_and_single_source(story: Story) -> None:
    md = render_markdown(*story)
    assert "| Die Brücke wurde eröffnet. | 2 | Tageskurier, Nordblick |" in md
    assert "- Die Bauzeit betrug sechs Jahre. — only Tageskurier [9]" in md


def test_contradiction_is_a_side_by_side_table(story: Story) -> None:
    md = render_markdown(*story)
    block = md.split("### Baukosten (number)", 1)[1].split("\n## ", 1)[0]
    rows = tables(block)[0]
    assert cells(rows[0]) == ["  ", " A1 Tageskurier ", " A2 Nordblick "]
    assert "**120 Mio. €**" in rows[3] and "**150 Mio. €**" in rows[3]


def test_framing_and_coverage_tables(story: Story) -> None:
    md = render_markdown(*story)
    assert (
        "| **Anna Keller** | Bürgermeisterin | umstrittene Bürgermeisterin | Oberbürgermeisterin |"
    ) in md
    # The most covered topic comes first; A4 covers only the announcement.
    assert "| Article | Eröffnung | Kosten | Ankündigung | Kritik |" in md
    assert "| A4 Der Beobachter |   |   | ● |   |" in md


def test_entities_with_all_spellings(story: Story) -> None:
    md = render_markdown(*story)
    assert "| **Anna Keller** | PER | Anna Keller, Keller, Bürgermeisterin Keller | 4 | 6 |" in md


def test_a_place_lists_the_words_for_its_people_apart(story: Story) -> None:
    md = render_markdown(*story)
    # The articles column counts the naming articles; the demonyms say their own number.
    assert (
        "| **Lindenau** | LOC | Lindenau; also as *Lindenauer*, *lindenauische* "
        "(2 articles) | 2 | 2 |"
    ) in md


def test_every_table_row_has_as_many_cells_as_its_header(story: Story, evil_story: Story) -> None:
    for s in (story, evil_story):
        for rows in tables(render_markdown(*s)):
            widths = {len(cells(r)) for r in rows}
            assert len(widths) == 1, rows


def test_pipe_in_a_passage_is_escaped(story: Story) -> None:
    md = render_markdown(*story)
    assert "sechs Jahren \\| und die Sperrungen." in md


def test_markup_from_articles_is_escaped(evil_story: Story) -> None:
    md = render_markdown(*evil_story)
    assert not re.search(r"(?<!\\)<", md), "a raw '<' could open HTML in a Markdown viewer"
    assert "\\<script\\>window.\\_\\_pwned=1\\</script\\>" in md
    assert md.count("\\<img src=x onerror=") >= 10


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# Eilmeldung", "\\# Eilmeldung"),
        ("1. Liga", "1\\. Liga"),
        ("- Punkt", "\\- Punkt"),
        ("> Zitat", "\\> Zitat"),
        ("a | b", "a \\| b"),
        ("[Link](javascript:alert(1))", "\\[Link\\](javascript:alert(1))"),
        ("*fett* _kursiv_ `code`", "\\*fett\\* \\_kursiv\\_ \\`code\\`"),
        ("&amp; <b>", "\\&amp; \\<b\\>"),
        # Folded into one line, a "#" can no longer start a heading.
        ("Zeile 1\n# Zeile 2", "Zeile 1 # Zeile 2"),
        ("C:\\Pfad", "C:\\\\Pfad"),
        ("Mitte # bleibt", "Mitte # bleibt"),
        ("", ""),
    ],
)
def test_escape_md(raw: str, escaped: str) -> None:
    assert escape_md(raw) == escaped


def test_leading_hash_in_title_does_not_make_a_second_heading(evil_story: Story) -> None:
    dossier, arts = evil_story
    dossier.title = "# Zweite Überschrift"
    md = render_markdown(dossier, arts)
    assert md.splitlines()[0] == "# \\# Zweite Überschrift"


def test_refs_outside_the_text_fall_back_to_their_own_text(story: Story) -> None:
    dossier, arts = story
    dossier.summary.append(
        SummarySentence(
            "Kaputte Quelle.",
            [SourceRef(A2, 5, 10_000, "zu lang"), SourceRef("fehlt", 0, 4, "weg")],
        )
    )
    md = render_markdown(dossier, arts)
    entries = sources_list(md)
    assert "„zu lang“" in entries[6]
    assert "„weg“" in entries[7] and "unknown outlet" in entries[7]
    assert "text not available" in md


def test_empty_dossier() -> None:
    md = render_markdown(Dossier(id="x", title="", articles=[]), {})
    assert (
        md == "# Untitled story\n\n*0 articles from 0 outlets*\n\n## Articles\n\n"
        "| # | Outlet | Date | Title | Phase | Note |\n| --- | --- | --- | --- | --- | --- |\n"
    )


def test_payload_constant_is_hostile() -> None:
    # Guard: the hostile fixture must keep carrying markup, or the escaping tests prove nothing.
    assert "<script>" in PAYLOAD and "onerror=" in PAYLOAD
