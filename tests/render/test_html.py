"""The self-contained HTML dossier: structure, passages, escaping, policy (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressespiegel.model import (
    Article,
    Dossier,
    Removed,
    SourceRef,
    SummarySentence,
    TimelineEvent,
)
from pressespiegel.render.html import render_html
from tests.render.conftest import (
    A1,
    A2,
    EVIL_ID,
    PAYLOAD,
    SCRAPED_TEXT,
    Story,
    build_scraped_story,
    build_story,
)

VOID = {
    "meta",
    "br",
    "img",
    "input",
    "link",
    "hr",
    "wbr",
    "source",
    "area",
    "base",
    "col",
    "embed",
    "track",
    "circle",
    "rect",
    "line",
    "path",
}
SAFE_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass
class Page(HTMLParser):
    """Parses a rendered page, checking nesting and collecting what the tests look at."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    # Text of every <mark>, by passage class, in document order (pieces are disjoint).
    passage_text: dict[str, str] = field(default_factory=dict)
    passage_pieces: dict[str, int] = field(default_factory=dict)
    # Text of each article's body, by section id.
    article_text: dict[str, str] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    _stack: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    _section: str | None = None
    _in_body_text: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = tag
        if tag == "section" and "article" in a.get("class", "").split():
            self._section = a["id"]
            self.article_text[a["id"]] = ""
        if tag == "div" and a.get("class") == "text" and self._section:
            self._in_body_text = True
        if tag == "mark":
            pid = next(c for c in a["class"].split() if re.fullmatch(r"p\d+", c))
            self.passage_pieces[pid] = self.passage_pieces.get(pid, 0) + 1
        if tag not in VOID:
            self._stack.append((tag, a))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self._stack, f"</{tag}> without an open element"
        top, _ = self._stack.pop()
        assert top == tag, f"</{tag}> closes <{top}>: markup is not well nested"
        if tag == "div" and self._in_body_text:
            self._in_body_text = False
        if tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        open_tags = [t for t, _ in self._stack]
        if open_tags and open_tags[-1] == "script":
            self.scripts.append(data)
        if open_tags and open_tags[-1] == "style":
            self.styles.append(data)
        # A fold's label is ours, not the article's: the text is everything else.
        if self._in_body_text and self._section and "summary" not in open_tags:
            self.article_text[self._section] += data
        for t, a in self._stack:
            if t == "mark":
                pid = next(c for c in a["class"].split() if re.fullmatch(r"p\d+", c))
                self.passage_text[pid] = self.passage_text.get(pid, "") + data


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    assert not p._stack, f"unclosed elements: {[t for t, _ in p._stack]}"
    return p


def links(p: Page) -> list[str]:
    return [a["href"] for t, a in p.tags if "href" in a]


def summary_hrefs(page: str) -> list[str]:
    block = page.split('<section id="summary"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="cite" href="#(p\d+)"', block)


def test_page_is_one_well_formed_document(story: Story) -> None:
    page = render_html(*story)
    assert page.startswith("<!DOCTYPE html>")
    p = parse(page)
    assert [t for t, _ in p.tags].count("script") == 1
    assert [t for t, _ in p.tags].count("style") == 1
    assert {
        "summary",
        "timeline",
        "facts",
        "single",
        "contradictions",
        "quotes",
        "framing",
        "coverage",
        "entities",
        "articles",
        "texts",
    } <= set(p.ids)


def test_no_external_resources(story: Story) -> None:
    page = render_html(*story)
    p = parse(page)
    for tag, attrs in p.tags:
        assert tag not in {"img", "link", "iframe", "object", "embed", "base", "form"}
        assert "src" not in attrs, (tag, attrs)
    # Every link stays on the page.
    assert all(h.startswith("#") for h in links(p))
    css = "".join(p.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_csp_allows_exactly_the_inline_script_and_style(story: Story) -> None:
    page = render_html(*story)
    p = parse(page)
    csp = next(
        a["content"]
        for t, a in p.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )

    def digest(s: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'{digest(p.scripts[0])}'"
    assert directives["style-src"] == f"'{digest(p.styles[0])}'"
    assert "unsafe" not in csp
    # Inline style attributes would be blocked by this policy: the page must not rely on them.
    assert all("style" not in a for _, a in p.tags)


def test_every_link_points_at_an_existing_anchor(story: Story) -> None:
    p = parse(render_html(*story))
    targets = [h[1:] for h in links(p)]
    assert targets
    missing = [t for t in targets if t not in p.ids]
    assert not missing


def test_article_text_survives_markup_exactly(story: Story) -> None:
    dossier, arts = story
    p = parse(render_html(dossier, arts))
    # Sections a0.. follow the dossier's article order.
    for i, aid in enumerate(dossier.articles):
        assert p.article_text[f"a{i}"] == arts[aid].text


def test_summary_citations_lead_to_their_exact_passages(story: Story) -> None:
    dossier, arts = story
    page = render_html(dossier, arts)
    p = parse(page)
    cited = [r for s in dossier.summary for r in s.sources]
    hrefs = summary_hrefs(page)
    assert len(hrefs) == len(cited)
    for r, pid in zip(cited, hrefs, strict=True):
        assert p.ids[pid] == "mark"
        assert p.passage_text[pid] == arts[r.article].text[r.start : r.end]


def test_crossing_passages_are_split_into_pieces_with_one_id(story: Story) -> None:
    dossier, arts = story
    page = render_html(dossier, arts)
    p = parse(page)
    crossing = dossier.summary[2].sources[0]
    pid = summary_hrefs(page)[-1]
    assert p.passage_pieces[pid] >= 2
    assert page.count(f'id="{pid}"') == 1
    assert p.passage_text[pid] == arts[A1].text[crossing.start : crossing.end]


def test_passages_cited_twice_share_one_mark(story: Story) -> None:
    dossier, arts = story
    page = render_html(dossier, arts)
    # The opening sentence is cited by the summary, the timeline and a fact: one mark.
    first = dossier.summary[0].sources[0]
    assert first == dossier.facts[0].sources[0] == dossier.timeline[0].sources[0]
    pid = summary_hrefs(page)[0]
    assert page.count(f'href="#{pid}"') >= 3
    assert page.count(f'id="{pid}"') == 1


def _section_refs(dossier: Dossier, section: str) -> list[SourceRef]:
    if section == "contradictions":
        return [
            SourceRef(k.article, k.start, k.end, k.text)
            for c in dossier.contradictions
            for k in c.claims
        ]
    if section == "quotes":
        return [r for q in dossier.quotes for r in q.sources]
    if section == "facts":
        return [r for f in dossier.facts for r in f.sources + f.copies]
    return [r for t in dossier.timeline for r in t.sources]


@pytest.mark.parametrize("section", ["contradictions", "quotes", "facts", "timeline"])
def test_section_links_hit_their_passages(story: Story, section: str) -> None:
    dossier, arts = story
    page = render_html(dossier, arts)
    p = parse(page)
    block = page.split(f'<section id="{section}"', 1)[1].split("</section>", 1)[0]
    linked = {p.passage_text[pid] for pid in re.findall(r'href="#(p\d+)"', block)}
    expected = {arts[r.article].text[r.start : r.end] for r in _section_refs(dossier, section)}
    assert linked == expected


def test_contradiction_claims_side_by_side(story: Story) -> None:
    page = render_html(*story)
    block = page.split('<section id="contradictions"', 1)[1].split("</section>", 1)[0]
    assert block.count('class="claim"') == 4
    assert "Dienstag" in block and "Mittwoch" in block and "150 Mio. €" in block
    assert "Tageskurier" in block and "Nordblick" in block


def test_facts_show_count_outlets_and_copies(story: Story) -> None:
    page = render_html(*story)
    block = page.split('<section id="facts"', 1)[1].split("</section>", 1)[0]
    assert '<span class="count">2</span>' in block
    assert "Tageskurier" in block and "Nordblick" in block
    assert "A3 Stadtanzeiger" in block.split("copies", 1)[1]


def test_copy_and_phases_in_article_table(story: Story) -> None:
    page = render_html(*story)
    block = page.split('<section id="articles"', 1)[1].split("</section>", 1)[0]
    row = next(r for r in block.split("<tr") if "Stadtanzeiger" in r)
    assert "copy of" in row and "Tageskurier" in row
    assert "ankuendigung" in block and "main" in block


def test_entities_list_every_spelling(story: Story) -> None:
    page = render_html(*story)
    block = page.split('<section id="entities"', 1)[1].split("</section>", 1)[0]
    for v in ["Anna Keller", "Keller", "Bürgermeisterin Keller"]:
        assert f'<span class="variant">{v}</span>' in block
    demonyms = block.split('<span class="demonyms">', 1)[1].split("</td>", 1)[0]
    assert '<span class="variant">Lindenauer</span>' in demonyms
    assert "(2 articles)" in demonyms


def test_timeline_chart_has_one_row_per_parsable_date(story: Story) -> None:
    dossier, arts = story
    dossier.timeline.append(TimelineEvent("irgendwann", "Ohne Datum", []))
    page = render_html(dossier, arts)
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<a href=") == 3
    assert "Ohne Datum" not in svg
    assert "Ohne Datum" in page.split('id="timeline-list"', 1)[1]


def test_framing_label_links_to_its_evidence(story: Story) -> None:
    dossier, arts = story
    page = render_html(dossier, arts)
    p = parse(page)
    block = page.split('<section id="framing"', 1)[1].split("</section>", 1)[0]
    pid = re.search(r'class="label" href="#(p\d+)">umstrittene Bürgermeisterin<', block)
    assert pid is not None
    assert p.passage_text[pid.group(1)] == "umstrittene Bürgermeisterin"


# -- untrusted input ----------------------------------------------------------------------------


def test_markup_in_article_strings_is_inert_text(evil_story: Story) -> None:
    page = render_html(*evil_story)
    p = parse(page)
    tags = [t for t, _ in p.tags]
    assert tags.count("script") == 1
    assert "img" not in tags
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert all("javascript:" not in v.lower() for v in attrs.values()), (tag, attrs)
        if "id" in attrs:
            assert SAFE_ID.match(attrs["id"]), attrs["id"]
        if "href" in attrs:
            assert re.fullmatch(r"#[a-z][a-z0-9-]*", attrs["href"]), attrs["href"]
    # The payload is there, as text, in titles, outlets, quotes, entities and the article.
    visible = "".join(p.text)
    assert visible.count(PAYLOAD) >= 10
    assert "</textarea>" in visible
    # The only raw "<script" is the page's own.
    assert page.count("<script") == 1
    assert "<img" not in page


def test_article_ids_never_reach_the_markup(evil_story: Story) -> None:
    page = render_html(*evil_story)
    assert EVIL_ID not in page
    assert html.escape(EVIL_ID) not in page
    assert 'id="a0"' in page


def test_hostile_title_in_head_is_escaped(evil_story: Story) -> None:
    page = render_html(*evil_story)
    head = page.split("</head>", 1)[0]
    assert "<title>Story &lt;script&gt;" in head


# -- robustness -------------------------------------------------------------------------------


def test_refs_that_do_not_fit_are_shown_without_dangling_links(story: Story) -> None:
    dossier, arts = story
    dossier.summary.append(
        SummarySentence(
            "Kaputte Quelle.",
            [
                SourceRef(A2, 5, 10_000, "zu lang"),
                SourceRef("gibt-es-nicht", 0, 4, "fehlt"),
            ],
        )
    )
    page = render_html(dossier, arts)
    p = parse(page)
    assert all(h[1:] in p.ids for h in links(p))
    assert page.count('class="cite missing"') == 2
    assert "text not available" in page


def test_empty_dossier_renders() -> None:
    page = render_html(Dossier(id="x", title="", articles=[]), {})
    p = parse(page)
    assert "Untitled story" in page
    assert "summary" not in p.ids


def test_articles_outside_the_story_are_not_rendered(story: Story) -> None:
    dossier, arts = story
    arts["fremd"] = Article(id="fremd", text="Ganz anderer Text.", title="Fremd")
    page = render_html(dossier, arts)
    assert "Ganz anderer Text." not in page


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet='ab <&">\n„“', min_size=2, max_size=30))
    bound = st.integers(0, len(text))
    pairs = draw(
        st.lists(st.tuples(bound, bound).filter(lambda p: p[0] != p[1]), min_size=1, max_size=8)
    )
    return text, [(min(p), max(p)) for p in pairs]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=text_and_spans())
def test_any_overlap_of_passages_renders_well_nested(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = case
    art = Article(id="x", text=text, title="T", outlet="O")
    refs = [SourceRef("x", s, e, text[s:e]) for s, e in spans]
    dossier = Dossier(id="d", title="t", articles=["x"], summary=[SummarySentence("s", refs)])
    page = render_html(dossier, {"x": art})
    p = parse(page)
    assert p.article_text["a0"] == text
    hrefs = summary_hrefs(page)
    distinct = list(dict.fromkeys(spans))
    assert len(hrefs) == len(distinct)
    for (s, e), pid in zip(distinct, hrefs, strict=True):
        assert p.passage_text[pid] == text[s:e]
        assert page.count(f'id="{pid}"') == 1


def test_nested_passage_with_same_start_is_inside_the_longer_one() -> None:
    dossier, arts = build_story()
    page = render_html(dossier, arts)
    # "120 Millionen Euro" (a claim) starts where the crossing summary passage starts; the longer
    # one must open first so the claim's mark sits inside it.
    m = re.search(
        r'<mark class="hl (p\d+)" id="\1" data-n="\d+"><mark class="hl (p\d+)" '
        r'id="\2" data-n="\d+">120 Millionen Euro</mark>',
        page,
    )
    assert m is not None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ' lang="de"'),
        ("pt-BR", ' lang="pt-BR"'),
        ('de" onclick="x', ""),
        ("de\n", ""),
        (None, ""),
    ],
)
def test_article_language_only_when_well_formed(
    story: Story, language: str | None, expected: str
) -> None:
    dossier, arts = story
    arts[A1].language = language
    page = render_html(dossier, arts)
    assert f'<div class="text"{expected}>' in page.split('id="a0"', 1)[1]
    assert "onclick" not in page


# -- boilerplate in the source pane -------------------------------------------------------------


def _fold(page: str, n: int) -> str:
    return page.split('<details class="cut">')[n].split("</details>", 1)[0]


def test_removed_lines_are_folded_away_with_their_reason() -> None:
    page = render_html(*build_scraped_story())
    assert page.count('<details class="cut">') == 2
    head, tail = _fold(page, 1), _fold(page, 2)
    assert "Removed as boilerplate: navigation, title" in head and "(3 lines)" in head
    assert "Zum Inhalt" in head and "Startseite | Politik" in head and "Brücke eröffnet" in head
    assert "Removed as boilerplate: share, comments" in tail and "(2 lines)" in tail
    # The dateline shares its line with the body: it is greyed in place, not folded.
    assert re.search(
        r'<span class="cut" data-why="dateline" title="Removed as boilerplate: '
        r'dateline">LINDENAU <mark',
        page,
    )
    # The body itself is in neither.
    for body in ("Sie kostete 120 Millionen Euro.", "Kritiker bemängeln die Bauzeit."):
        assert body not in head + tail
        assert body in page.split('class="text"', 1)[1]


def test_folding_keeps_every_character_and_every_passage() -> None:
    dossier, arts = build_scraped_story()
    page = render_html(dossier, arts)
    p = parse(page)
    assert p.article_text["a0"] == SCRAPED_TEXT
    refs = [r for s in dossier.summary for r in s.sources]
    hrefs = summary_hrefs(page)
    for r, pid in zip(refs, hrefs, strict=True):
        assert p.passage_text[pid] == SCRAPED_TEXT[r.start : r.end]
        assert page.count(f'id="{pid}"') == 1
    # The crossing passage is split at the dateline's edge, the id on its first piece.
    assert p.passage_pieces[hrefs[1]] == 2
    assert f'<mark class="hl {hrefs[2]}" id="{hrefs[2]}"' in _fold(page, 2)


def test_text_without_removed_lines_has_no_folds(story: Story) -> None:
    page = render_html(*story)
    assert 'class="cut"' not in page
    assert "Grey and folded" not in page


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=text_and_spans(),
    cuts=st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32)), max_size=6),
)
def test_any_removed_ranges_keep_text_and_passages(
    case: tuple[str, list[tuple[int, int]]], cuts: list[tuple[int, int]]
) -> None:
    text, spans = case
    # Out-of-range, empty and overlapping removed ranges included: stored data is not trusted.
    removed = [Removed(min(c), max(c), f"r{i}") for i, c in enumerate(cuts)]
    art = Article(id="x", text=text, title="T", outlet="O", removed=removed)
    refs = [SourceRef("x", s, e, text[s:e]) for s, e in spans]
    dossier = Dossier(id="d", title="t", articles=["x"], summary=[SummarySentence("s", refs)])
    page = render_html(dossier, {"x": art})
    p = parse(page)
    assert p.article_text["a0"] == text
    for (s, e), pid in zip(list(dict.fromkeys(spans)), summary_hrefs(page), strict=True):
        assert p.passage_text[pid] == text[s:e]
        assert page.count(f'id="{pid}"') == 1
