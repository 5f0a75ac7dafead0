"""The HTML dossier in a real headless Chromium, opened from a file:// URL.

Uses Debian's ``/usr/bin/chromium`` (``scripts/install-browser.sh``) driven by the ``playwright``
package; no browser is ever downloaded by a test tool. Without the browser or the package these
tests skip, unless ``PRESSESPIEGEL_REQUIRE_BROWSER`` is set (CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any, NoReturn

import pytest

from pressespiegel.render.html import render_html
from pressespiegel.render.index import render_index
from tests.render.conftest import (
    A1,
    A2,
    PAYLOAD,
    Story,
    build_evil_story,
    build_index,
    build_outlier_story,
    build_scraped_story,
    build_story,
)

CHROMIUM = os.environ.get("PRESSESPIEGEL_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("PRESSESPIEGEL_REQUIRE_BROWSER"):
        pytest.fail(
            f"{reason} (PRESSESPIEGEL_REQUIRE_BROWSER is set, so this is an error; "
            "run scripts/install-browser.sh and pip install -e '.[dev]')",
            pytrace=False,
        )
    pytest.skip(
        f"{reason}; run scripts/install-browser.sh and install the dev extra "
        "(set PRESSESPIEGEL_REQUIRE_BROWSER=1 to make this a failure)"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package 'playwright' is not installed")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM}")
    try:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--version"],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        _unavailable(f"{CHROMIUM} does not start: {exc}")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Opened:
    """A rendered dossier open in a page, with every request and console error it caused."""

    def __init__(
        self,
        browser: Any,
        story: Story | None,
        tmp_path: Path,
        width: int = 1280,
        *,
        html: str | None = None,
        javascript: bool = True,
    ) -> None:
        path = tmp_path / ("dossier.html" if story is not None else "index.html")
        path.write_text(render_html(*story) if story is not None else html or "", encoding="utf-8")
        self.url = path.as_uri()
        self.page = browser.new_page(
            viewport={"width": width, "height": 720}, java_script_enabled=javascript
        )
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def passage_state(self, pid: str) -> dict[str, Any]:
        return dict(
            self.page.evaluate(
                """(pid) => {
                const first = document.getElementById(pid);
                const pieces = Array.from(document.querySelectorAll("mark." + pid));
                const r = first.getBoundingClientRect();
                return {
                    text: pieces.map(m => m.textContent).join(""),
                    allActive: pieces.every(m => m.classList.contains("active")),
                    activeOthers: Array.from(document.querySelectorAll("mark.active"))
                        .filter(m => !m.classList.contains(pid)).length,
                    inView: r.bottom > 0 && r.top < window.innerHeight && r.width > 0
                        && r.right > 0 && r.left < window.innerWidth,
                    hash: location.hash,
                };
            }""",
                pid,
            )
        )


def wait_active(page: Any, pid: str) -> None:
    """Wait until the page script has marked passage ``pid`` as the active one."""
    page.wait_for_function(
        "(pid) => document.getElementById(pid).classList.contains('active')", arg=pid, timeout=5000
    )


@pytest.fixture
def opened(browser: Any, story: Story, tmp_path: Path) -> Iterator[Opened]:
    o = Opened(browser, story, tmp_path)
    yield o
    o.page.close()


def test_style_and_script_pass_the_content_security_policy(opened: Opened) -> None:
    # A wrong hash would silently drop the style: the card background would stay transparent.
    bg = opened.page.evaluate(
        "getComputedStyle(document.querySelector('section.block')).backgroundColor"
    )
    assert bg == "rgb(255, 255, 255)"
    assert not [e for e in opened.errors if "Content Security Policy" in e], opened.errors


@pytest.mark.parametrize("width", [1280, 700])
@pytest.mark.parametrize("nth", [0, 1, 2, 4])
def test_clicking_a_summary_citation_highlights_its_passage(
    browser: Any, story: Story, tmp_path: Path, width: int, nth: int
) -> None:
    dossier, arts = story
    refs = [r for s in dossier.summary for r in s.sources]
    want = arts[refs[nth].article].text[refs[nth].start : refs[nth].end]
    o = Opened(browser, story, tmp_path, width)
    try:
        # Scroll away first, so that "in view" proves the click moved the passage into view.
        o.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        link = o.page.locator("#summary a.cite").nth(nth)
        pid = link.get_attribute("href")[1:]
        link.click()
        wait_active(o.page, pid)
        o.page.wait_for_timeout(100)
        state = o.passage_state(pid)
        assert state["hash"] == f"#{pid}"
        assert state["text"] == want
        assert state["allActive"]
        assert state["activeOthers"] == 0
        assert state["inView"]
        assert o.page.locator(f"#{pid}").is_visible()
        assert not o.errors
    finally:
        o.page.close()


def test_crossing_passage_is_highlighted_in_all_its_pieces(opened: Opened, story: Story) -> None:
    dossier, arts = story
    crossing = dossier.summary[2].sources[0]
    link = opened.page.locator("#summary a.cite").last
    pid = link.get_attribute("href")[1:]
    link.click()
    wait_active(opened.page, pid)
    assert opened.page.locator(f"mark.{pid}").count() >= 2
    state = opened.passage_state(pid)
    assert state["text"] == arts[A1].text[crossing.start : crossing.end]
    assert state["allActive"] and state["activeOthers"] == 0


def test_switching_citations_moves_the_highlight(opened: Opened) -> None:
    links = opened.page.locator("#summary a.cite")
    first, second = (links.nth(i).get_attribute("href")[1:] for i in (0, 1))
    links.nth(0).click()
    links.nth(1).click()
    wait_active(opened.page, second)
    assert not opened.passage_state(first)["allActive"]
    assert opened.passage_state(second)["allActive"]
    # Clicking the same citation again (no hashchange) keeps it highlighted and in view.
    opened.page.evaluate("window.scrollTo(0, 0)")
    links.nth(1).click()
    opened.page.wait_for_timeout(100)
    assert opened.passage_state(second)["allActive"]


def test_contradiction_claim_links_to_its_passage(opened: Opened, story: Story) -> None:
    dossier, arts = story
    link = opened.page.locator("#contradictions a.claimlink").nth(1)
    pid = link.get_attribute("href")[1:]
    link.click()
    wait_active(opened.page, pid)
    k = dossier.contradictions[0].claims[1]
    assert k.article == A2
    state = opened.passage_state(pid)
    assert state["text"] == arts[A2].text[k.start : k.end] == "Am Mittwoch"
    assert state["inView"]


def test_hostile_article_stays_inert(browser: Any, evil_story: Story, tmp_path: Path) -> None:
    o = Opened(browser, evil_story, tmp_path)
    try:
        page = o.page
        assert page.evaluate("typeof window.__pwned") == "undefined"
        for i in range(page.locator("a[href^='#']").count()):
            link = page.locator("a[href^='#']").nth(i)
            if link.is_visible():
                link.click()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.images.length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 1
        assert page.evaluate("document.querySelectorAll('[onerror], [onclick]').length") == 0
        text = page.evaluate("document.body.innerText")
        assert "<script>window.__pwned=1</script>" in text
        assert '<img src=x onerror="window.__pwned=1">' in text
        assert page.get_by_text(f"Titel {PAYLOAD}", exact=True).first.is_visible()
        assert o.requests == [o.url]
    finally:
        o.page.close()


def test_no_request_but_the_file_itself(opened: Opened) -> None:
    links = opened.page.locator("a.cite")
    for i in range(links.count()):
        links.nth(i).click()
    opened.page.wait_for_timeout(200)
    assert opened.requests == [opened.url]


def test_boilerplate_is_folded_and_grey_but_citations_reach_it(
    browser: Any, tmp_path: Path
) -> None:
    o = Opened(browser, build_scraped_story(), tmp_path)
    try:
        page = o.page
        folds = page.locator("details.cut")
        assert folds.count() == 2
        # Folded: the summary line shows, the removed lines do not.
        assert folds.first.locator("summary").is_visible()
        assert not page.get_by_text("Startseite | Politik").is_visible()
        grey = page.evaluate("getComputedStyle(document.querySelector('span.cut')).color")
        body = page.evaluate("getComputedStyle(document.querySelector('.text')).color")
        assert grey != body
        # The label of an inline cut is drawn by CSS, so it is not part of the text.
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('span.cut'), '::before').content"
            )
            == '"dateline"'
        )
        # A citation into folded lines unfolds them and shows the passage.
        link = page.locator("#summary a.cite").nth(2)
        pid = link.get_attribute("href")[1:]
        link.click()
        wait_active(page, pid)
        page.wait_for_timeout(100)
        assert page.evaluate("document.querySelectorAll('details.cut')[1].open")
        state = o.passage_state(pid)
        assert state["text"] == "Kommentare (3)" and state["inView"]
        assert not folds.first.evaluate("d => d.open")
        assert not o.errors
    finally:
        o.page.close()


# -- narrow screens -----------------------------------------------------------------------------

NARROW = 400


def scroll_width(page: Any) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


@pytest.mark.parametrize("name", ["story", "evil", "scraped", "outlier"])
def test_dossier_does_not_scroll_sideways_at_400_px(
    browser: Any, tmp_path: Path, name: str
) -> None:
    story = {
        "story": build_story,
        "evil": build_evil_story,
        "scraped": build_scraped_story,
        "outlier": build_outlier_story,
    }[name]()
    o = Opened(browser, story, tmp_path, NARROW)
    try:
        assert (
            o.page.evaluate("document.querySelector('meta[name=viewport]').content")
            == "width=device-width, initial-scale=1"
        )
        assert scroll_width(o.page) <= NARROW
        assert not o.errors
    finally:
        o.page.close()


@pytest.mark.parametrize("width", [1280, NARROW])
def test_timeline_keeps_the_bulk_apart_beside_an_outlier(
    browser: Any, tmp_path: Path, width: int
) -> None:
    o = Opened(browser, build_outlier_story(), tmp_path, width)
    try:
        marks = o.page.evaluate("""() => Array.from(document.querySelectorAll('svg.chart a'))
            .map(a => {
                const r = a.querySelector('circle, rect').getBoundingClientRect();
                return [a.querySelector('title').textContent.slice(0, 4), r.left, r.width];
            })""")
        june = sorted(left + w / 2 for year, left, w in marks if year == "2024")
        assert len(june) == 12
        # On a phone the chart keeps its width and scrolls inside its box, not the page.
        assert min(b - a for a, b in pairwise(june)) > 10
        old = [(left, w) for year, left, w in marks if year == "1962"]
        assert old and old[0][1] > 8 and old[0][0] + old[0][1] < june[0]
        assert scroll_width(o.page) <= width
    finally:
        o.page.close()


# -- the index page -----------------------------------------------------------------------------


def visible_titles(page: Any) -> list[str]:
    return list(
        page.evaluate("""() => Array.from(document.querySelectorAll('li.story'))
        .filter(li => !li.hidden && li.offsetParent !== null)
        .map(li => li.querySelector('.title').textContent)""")
    )


@pytest.fixture
def index(browser: Any, tmp_path: Path) -> Iterator[Opened]:
    o = Opened(browser, None, tmp_path, NARROW, html=render_index(build_index(), "html"))
    yield o
    o.page.close()


def test_index_fits_400_px_and_runs_under_its_policy(index: Opened) -> None:
    assert scroll_width(index.page) <= NARROW
    assert index.page.locator("#controls").is_visible()
    assert index.page.locator("#shown").text_content() == "5 of 5 shown"
    assert not index.errors
    assert index.requests == [index.url]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("rhein", ["Neue Rheinbrücke in Lindenau eröffnet"]),
        # Outlets are searched too, and case and accents do not matter.
        ("merve-KURIER", ["Hochwasser an der Merve"]),
        ("osterreich", ["Wahl in Österreich"]),
        ("  nordblick   lindenau ", ["Neue Rheinbrücke in Lindenau eröffnet"]),
        ("<script>", [f"Story {PAYLOAD}"]),
        # Dates and counts are not searched: only titles and outlets.
        ("2024", []),
    ],
)
def test_index_search_over_titles_and_outlets(index: Opened, query: str, titles: list[str]) -> None:
    index.page.fill("#q", query)
    assert visible_titles(index.page) == titles
    assert index.page.locator("#none").is_visible() == (not titles)
    assert index.page.locator("#shown").text_content() == f"{len(titles)} of 5 shown"
    index.page.fill("#q", "")
    assert len(visible_titles(index.page)) == 5
    assert index.page.evaluate("typeof window.__pwned") == "undefined"


@pytest.mark.parametrize(
    ("order", "ids"),
    [
        ("size", ["s-big", "s-md", "s-evil", "s-single", "s-single-file"]),
        ("small", ["s-single", "s-single-file", "s-evil", "s-md", "s-big"]),
        # Undated stories go last either way.
        ("new", ["s-single", "s-evil", "s-md", "s-big", "s-single-file"]),
        ("old", ["s-big", "s-md", "s-evil", "s-single", "s-single-file"]),
    ],
)
def test_index_sorts_by_size_and_date(index: Opened, order: str, ids: list[str]) -> None:
    by_title = {d.title: d.id for d, _ in build_index()}
    index.page.select_option("#sort", order)
    assert [by_title[t] for t in visible_titles(index.page)] == ids
    # Sorting keeps the search.
    index.page.fill("#q", "a")
    index.page.select_option("#sort", "size")
    assert len(visible_titles(index.page)) == index.page.evaluate(
        "document.querySelectorAll('li.story:not([hidden])').length"
    )


def test_index_without_javascript_is_the_full_list(browser: Any, tmp_path: Path) -> None:
    o = Opened(
        browser, None, tmp_path, NARROW, html=render_index(build_index(), "html"), javascript=False
    )
    try:
        stories = o.page.locator("li.story")
        assert stories.count() == 5
        assert all(stories.nth(i).is_visible() for i in range(5))
        # Controls that could not work are not offered.
        assert not o.page.locator("#controls").is_visible()
        assert o.page.locator("li.story a[href='s-big.html']").is_visible()
        assert scroll_width(o.page) <= NARROW
    finally:
        o.page.close()
