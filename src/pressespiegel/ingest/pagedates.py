"""The publication date of a news page, read the way news pages are built.

The evidence is taken in this order; the first that gives a plausible day wins:

1. metadata that names the publication: JSON-LD ``datePublished`` of the article, meta tags
   such as ``article:published_time`` or ``date``, ``itemprop="datePublished"`` outside
   comments. A full date in the URL's path within a day of it is taken instead: the URL holds
   the publisher's own calendar day, metadata is often in UTC (a story posted at 9 pm in New
   York says ``02:00Z`` the next day);
2. a full date in the URL's path (``/2024/03/12/``, ``/2019/nov/18/``, ``/2024-03-12/``);
3. a labelled date line: "Veröffentlicht am 3. März 2024", "publiziert am", "Erstellt:",
   "Artikel vom 03.03.2024", "Published Nov. 18, 2019", "Posted on";
4. a ``<time>`` element near the headline, outside comments and lists of other articles;
5. an update line ("Stand: 12.03.2024 14:05 Uhr", "Aktualisiert am ..."): when the page was
   last changed, a stand-in when the page says nothing else;
6. what htmldate finds in the markup, then in its extensive text search, only if the page
   writes that day out in full in a short line or attribute of its own (not in comments,
   menus, asides or lists of other articles). So a copyright year ("© 2019", which htmldate
   turns into 2019-01-01), a bare year or a month ("November 2019" -> the 1st), a date inside
   a sentence of the story and the dates of an archive list are never taken.

Every candidate must lie between :data:`EARLIEST` and the reference day (the fetch; by default
today) plus a day; a partial date in the URL (``/2024/03/``) also bounds what htmldate may give.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from ..textutil import MONTH_NUMBERS

#: Older dates are CMS placeholders (0001-01-01, the 1970 epoch, 1900), not news on the web.
EARLIEST = dt.date(1995, 1, 1)

#: A page's own date is a short line: a byline, a date line under the headline. Of the 181 pages
#: of the extraction benchmark, the longest line that holds the page's date runs to 80
#: characters ("By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46
#: PM"); a date in a longer line, or in a sentence, is part of the story ("Am 3. März hat der
#: Stadtrat ... beschlossen."), not the page's.
MAX_DATE_LINE = 100
#: A sentence: six words or more, ending in a word and a full stop (a byline ends in a date,
#: a time or "Uhr").
_SENTENCE = re.compile(r"^(?:\S+\s+){5,}.*\b[a-zäöüß]{2,}[.!?]$")

#: Labelled lines are searched in lines this long at most (a byline with author, place and
#: date, or a paragraph that opens with "Veröffentlicht am ...").
MAX_LABELLED_LINE = 300

_MONTHS = MONTH_NUMBERS

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_Y = r"((?:19|20)\d\d)"

# (pattern, group of year, month, day) in the forms news pages print dates in.
_DATE_FORMS: tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...] = (
    # 2024-03-12, 2024-03-12T14:05:00+01:00, 2024/03/12, 2024.03.12
    (re.compile(r"(?<![\d.])" + _Y + r"([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])"), (1, 3, 4)),
    # 12.03.2024, 12. 03. 2024
    (re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?" + _Y + r"(?!\d)"), (3, 2, 1)),
    # 12. März 2024, 12 March 2024, 19 Nov, 2019
    (
        re.compile(
            r"(?<!\d)(\d{1,2})\.?\s+(" + _MONTH + r")\.?,?\s+" + _Y + r"(?!\d)", re.IGNORECASE
        ),
        (3, 2, 1),
    ),
    # March 12, 2024, Nov. 18th 2019, Tue Nov 19 2019
    (
        re.compile(
            r"\b(" + _MONTH + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _Y + r"(?!\d)",
            re.IGNORECASE,
        ),
        (3, 1, 2),
    ),
)
# 05/10/2018: day or month first depends on the country, so it is never read as a date of its
# own, but either reading counts as written out when htmldate has chosen one.
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/" + _Y + r"(?![\d/])")
# 05.03.24: a two-digit year, read only right after a publication or update label.
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d\d)(?![\d.])")
# 20240312 as a whole value (``<meta name="pdate" content="20240312">``)
_COMPACT = re.compile(r"^" + _Y + r"(\d\d)(\d\d)(?:\D|$)")

# URL paths: /2024/03/12/, /2019/nov/18/, a segment 2024-03-12 or 20240312.
_URL_FULL = (
    re.compile(r"/" + _Y + r"/(\d{1,2})/(\d{1,2})(?:/|$)"),
    re.compile(r"/" + _Y + r"/(" + _MONTH + r")/(\d{1,2})(?:/|$)", re.IGNORECASE),
    re.compile(r"/" + _Y + r"-(\d\d)-(\d\d)(?:/|$)"),
    re.compile(r"/" + _Y + r"(\d\d)(\d\d)(?:/|$)"),
)
_URL_MONTH = (
    re.compile(r"/" + _Y + r"/(\d{1,2})(?:/|$)"),
    re.compile(r"/" + _Y + r"-(\d\d)(?:/|$)"),
)

# A label, a little room (a weekday, "um", the author), then the date.
_PUBLISHED_LABEL = re.compile(
    r"(?:erst(?:mals)?\s*veröffentlicht|veröffentlicht|veroeffentlicht|publiziert|erschienen|"
    r"erstellt|erstveröffentlichung|online seit|first published|originally published|"
    r"published|posted|publish date|original)\b(?:\s*(?:am|on|at|:|-|–|\|))*",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"(?:stand(?=\s*:|\s+vom\b|\s+am\b)|zuletzt aktualisiert|aktualisiert|geändert|"
    r"zuletzt geändert|last updated|"
    r"updated|last modified|modified)\b(?:\s*(?:am|on|at|:|-|–|\|))*",
    re.IGNORECASE,
)
# "Artikel vom 3. März 2024", "Meldung vom 03.03.2024": only in a short line of its own, where
# "vom" cannot be the date of something the story tells.
_VOM = re.compile(r"^\W*(?:\w+\s+){0,2}vom\s+", re.IGNORECASE)
_VOM_LINE = 60
_LABEL_GAP = 40  # characters between a label and its date ("Veröffentlicht am Dienstag, ")

_COPYRIGHT = re.compile(
    r"(?:©|&copy;|\(c\)|copyright|alle rechte vorbehalten|all rights reserved)", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _word_list(names: str) -> list[str]:
    return names.split()


def _word_set(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Where a page keeps dates that are not its own: comments and forum postings, and the blocks
# around the article (menus, asides, lists of related or older articles, tickers, footers).
_COMMENT_WORDS = _word_set(
    "comment comments kommentar kommentare disqus reply replies respond posting postings "
    "forum discussion diskussion leserbrief leserbriefe"
)
_ASIDE_WORDS = _word_set(
    "related sidebar widget recommended recommendations empfehlungen weitere more archive "
    "archiv popular meistgelesen trending ticker newsticker teaser teasers footer nav "
    "navigation menu breadcrumb tweet twitter social newsletter outbrain taboola"
)
_CODE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
_SKIP_TAGS = frozenset({"select", "option", "button", "nav", "aside", "iframe", "head"})
_BLOCK_TAGS = _word_set(
    "p div section article header footer main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tr "
    "td th br blockquote figure figcaption address time aside nav form hr"
)
_NEVER_CONTEXT = frozenset({"html", "body", "main", "article"})
_WORD_SPLIT = re.compile(r"[^a-zäöü]+")

_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report|Posting)$")
_PAGE_TYPES = frozenset({"WebPage", "ItemPage", "CreativeWork"})

#: Meta tags that carry the publication date (name, property or itemprop, lower-cased), most
#: specific first; none of them is an update date.
PUBLISHED_META = tuple(
    _word_list(
        "article:published_time og:article:published_time article:published og:published_time "
        "published_time datepublished article.published dcsext.articlefirstpublished "
        "article_date_original publishdate publish-date publish_date publication_date pubdate "
        "pub_date published og:pubdate parsely-pub-date sailthru.date dc.date.issued "
        "dcterms.issued dc.date.created dcterms.created datecreated article.created date "
        "dc.date dcterms.date date.release sn-post-date"
    )
)


@dataclass(frozen=True, slots=True)
class PageDate:
    """A page's publication day and where it was read (for the evaluation's details)."""

    date: str  # ISO YYYY-MM-DD
    source: str  # "url+meta", "meta", "url", "line", "time", "update", "htmldate", ...


def parse_day(value: str) -> dt.date | None:
    """The first calendar date written in ``value`` in a form news pages use, or None."""
    value = value.strip()
    found = _COMPACT.match(value)
    if found:
        return _day(found.group(1), found.group(2), found.group(3))
    best: tuple[int, dt.date] | None = None
    for pattern, (yi, mi, di) in _DATE_FORMS:
        for m in pattern.finditer(value):
            day = _day(m.group(yi), m.group(mi), m.group(di))
            if day is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), day)
                break
    return best[1] if best else None


def _all_days(text: str) -> Iterator[tuple[int, dt.date]]:
    for pattern, (yi, mi, di) in _DATE_FORMS:
        for m in pattern.finditer(text):
            day = _day(m.group(yi), m.group(mi), m.group(di))
            if day is not None:
                yield m.start(), day


def _day(year: str, month: str, day: str) -> dt.date | None:
    mon = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if mon is None:
        return None
    try:
        return dt.date(int(year), mon, int(day))
    except ValueError:
        return None


class _Page:
    """What the date rules read from one parsed page (collected once)."""

    def __init__(self, tree: HtmlElement, url: str | None, latest: dt.date) -> None:
        self.tree = tree
        self.url = url or ""
        self.latest = latest
        self._lines: list[str] = []
        self._shown: set[dt.date] = set()  # days written out in a short line or attribute
        self._copyright_years: set[int] = set()
        self._read = False  # the text is read only when a rule needs it
        # Per element: in an off-article block; in a comment (one pass, parents first, so
        # that no rule walks up the ancestors of every element).
        self._off: dict[HtmlElement, bool] | None = None
        self._comment: dict[HtmlElement, bool] = {}
        headline = _first(tree.iter("h1"))
        self.holds_headline: set[HtmlElement] = set()
        if headline is not None:
            self.holds_headline = {headline, *headline.iterancestors()}

    def plausible(self, day: dt.date | None) -> bool:
        return day is not None and EARLIEST <= day <= self.latest

    # -- the page's visible text, without comments, menus, asides and lists -----------------

    @property
    def lines(self) -> list[str]:
        """The page's visible lines, without comments, menus, asides and lists."""
        self._read_text()
        return self._lines

    @property
    def shown(self) -> set[dt.date]:
        self._read_text()
        return self._shown

    def _read_text(self) -> None:
        if self._read:
            return
        self._read = True
        parts: list[str] = []
        elsewhere: list[str] = []  # text of the blocks passed over, for the copyright line
        stack: list[tuple[HtmlElement, bool]] = [(self.tree, False)]
        # An explicit stack: hostile pages nest thousands of elements deep.
        while stack:
            el, closing = stack.pop()
            tag = el.tag if isinstance(el.tag, str) else ""
            if closing:
                parts.append(("\n" if tag in _BLOCK_TAGS else "") + (el.tail or ""))
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail or tag in _BLOCK_TAGS:
                stack.append((el, True))
            if not tag or tag in _CODE_TAGS:
                continue
            if tag in _SKIP_TAGS or self.off(el):
                elsewhere.append(el.text_content())
                continue
            parts.append(el.text or "")
            for child in reversed(el):
                stack.append((child, False))
        lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
        self._lines = [line for line in lines if line]
        for line in self._lines:
            if len(line) <= MAX_DATE_LINE and not _SENTENCE.match(line):
                self._shown.update(day for _, day in _all_days(line))
                for m in _SLASHED.finditer(line):
                    for a, b in ((1, 2), (2, 1)):
                        day = _day(m.group(3), m.group(a), m.group(b))
                        if day is not None:
                            self._shown.add(day)
        for el in self.tree.iter():
            if not isinstance(el.tag, str) or el.tag in _CODE_TAGS:
                continue
            for attr in ("datetime", "content"):
                value = el.get(attr)
                if value and len(value) <= 40 and not self.off(el):
                    day = parse_day(value)
                    if day is not None:
                        self._shown.add(day)
        whole = "\n".join([*self._lines, *elsewhere])
        for m in _COPYRIGHT.finditer(whole):
            near = whole[max(0, m.start() - 40) : m.end() + 60]
            self._copyright_years.update(int(y) for y in _YEAR.findall(near))

    def off_article(self, el: HtmlElement, in_article: bool = True) -> bool:
        """A block whose dates are not the article's: comments, asides, menus, related lists
        (never the blocks that hold the headline, whatever their class names say)."""
        if el.tag in _NEVER_CONTEXT or el in self.holds_headline:
            return False
        if el.tag == "footer":
            # The article's own footer may hold its date line; the page's footer does not.
            return not in_article
        return _is_comment(el) or bool(_words(el) & _ASIDE_WORDS)

    def _contexts(self) -> dict[HtmlElement, bool]:
        if self._off is None:
            self._off = {}
            inside: dict[HtmlElement, bool] = {}
            for el in self.tree.iter(etree.Element):
                parent = el.getparent()
                up = parent is not None
                inside[el] = el.tag == "article" or (up and inside.get(parent, False))
                self._comment[el] = (up and self._comment.get(parent, False)) or (
                    el.tag not in _NEVER_CONTEXT and _is_comment(el)
                )
                self._off[el] = (
                    (up and self._off.get(parent, False))
                    or (el.tag in _SKIP_TAGS and el.tag != "head")
                    or self.off_article(el, inside[el])
                )
        return self._off

    def off(self, el: HtmlElement) -> bool:
        """Whether ``el`` lies in such a block (or in a menu, an aside, a script)."""
        return self._contexts().get(el, False)

    def in_comment(self, el: HtmlElement) -> bool:
        self._contexts()
        return self._comment.get(el, False)

    def copyright_day(self, day: dt.date) -> bool:
        """Jan 1 of a year the page shows beside ©/Copyright, not written out as a date."""
        if (day.month, day.day) != (1, 1):
            return False
        self._read_text()
        return day.year in self._copyright_years and day not in self._shown


def _first(items: Iterable[HtmlElement]) -> HtmlElement | None:
    for item in items:
        return item
    return None


def _words(el: HtmlElement) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(_WORD_SPLIT.split(names)) - {""}


def _is_comment(el: HtmlElement) -> bool:
    return "Comment" in (el.get("itemtype") or "") or bool(_words(el) & _COMMENT_WORDS)


# -- the rules --------------------------------------------------------------------------------


def _json_ld(page: _Page) -> dt.date | None:
    best: tuple[int, dt.date] | None = None
    for script in page.tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        try:
            found = list(_ld_dates(json.loads(raw, strict=False)))
        except (ValueError, RecursionError):
            # Broken JSON (trailing commas, raw line breaks): its datePublished, ranked last.
            found = [(3, m.group(1)) for m in _LD_PUBLISHED.finditer(raw)]
        for rank, value in found:
            day = parse_day(value)
            if page.plausible(day) and day is not None and (best is None or rank < best[0]):
                best = (rank, day)
    return best[1] if best else None


def _ld_dates(data: Any) -> Iterator[tuple[int, str]]:
    """(rank, value) of publication dates of the article objects in one JSON-LD block."""
    items: list[Any] = data if isinstance(data, list) else [data]
    seen = 0
    while items and seen < 200:
        item = items.pop(0)
        seen += 1
        if isinstance(item, list):
            items.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        for key in ("@graph", "mainEntity"):
            if isinstance(item.get(key), list | dict):
                items.append(item[key])
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        names = [k for k in kinds if isinstance(k, str)]
        if any(_ARTICLE_TYPES.search(k) for k in names):
            rank = 0
        elif any(k in _PAGE_TYPES for k in names):
            rank = 2
        else:
            continue  # comments, videos (uploadDate), organisations, events, breadcrumbs
        for offset, key in enumerate(("datePublished", "dateCreated")):
            value = item.get(key)
            if isinstance(value, str):
                yield rank + offset, value


def _meta(page: _Page) -> dt.date | None:
    found: dict[str, dt.date] = {}
    for el in page.tree.iter("meta"):
        keys = " ".join(el.get(a) or "" for a in ("property", "name", "itemprop")).lower()
        for key in keys.split():
            if key in PUBLISHED_META and key not in found:
                day = parse_day(el.get("content") or "")
                if page.plausible(day) and day is not None and not page.in_comment(el):
                    found[key] = day
    for key in PUBLISHED_META:
        if key in found:
            return found[key]
    for el in page.tree.xpath(
        '//*[contains(concat(" ", @itemprop, " "), " datePublished ")][not(self::meta)]'
    ):
        if page.in_comment(el):
            continue
        day = parse_day(el.get("datetime") or el.get("content") or el.text_content())
        if page.plausible(day):
            return day
    return None


def url_day(url: str | None) -> dt.date | None:
    """A full date in the path of ``url`` (``/2024/03/12/``), or None."""
    path = _url_path(url)
    for pattern in _URL_FULL:
        m = pattern.search(path)
        if m:
            day = _day(m.group(1), m.group(2), m.group(3))
            if day is not None:
                return day
    return None


def _url_month(url: str | None) -> tuple[int, int] | None:
    path = _url_path(url)
    for pattern in _URL_MONTH:
        m = pattern.search(path)
        if m and 1 <= int(m.group(2)) <= 12:
            return int(m.group(1)), int(m.group(2))
    return None


def _url_path(url: str | None) -> str:
    if not url:
        return ""
    rest = url.split("//", 1)[-1]
    return "/" + rest.split("/", 1)[1].split("?", 1)[0].split("#", 1)[0] if "/" in rest else ""


def _labelled(page: _Page, label: re.Pattern[str]) -> dt.date | None:
    for line in page.lines:
        if len(line) > MAX_LABELLED_LINE:
            continue
        for m in label.finditer(line):
            day = _date_after(line[m.end() : m.end() + _LABEL_GAP + 30])
            if page.plausible(day):
                return day
    return None


def _date_after(text: str) -> dt.date | None:
    """The date that opens ``text`` (within :data:`_LABEL_GAP` characters), if any."""
    found = sorted(_all_days(text))
    if found and found[0][0] <= _LABEL_GAP:
        return found[0][1]
    short = _SHORT_YEAR.search(text)
    if short and short.start() <= _LABEL_GAP:
        year = int(short.group(3))
        return _day(str(year + (1900 if year >= 95 else 2000)), short.group(2), short.group(1))
    return None


def _vom_line(page: _Page) -> dt.date | None:
    for line in page.lines:
        if len(line) <= _VOM_LINE:
            m = _VOM.match(line)
            if m:
                day = parse_day(line[m.end() :])
                if page.plausible(day):
                    return day
    return None


def _time_element(page: _Page) -> dt.date | None:
    """The first ``<time>`` after the headline (else the first at all), outside comments,
    asides and lists, that is not marked as an update."""
    headline = _first(page.tree.iter("h1"))
    after_headline = False
    first: dt.date | None = None
    for el in page.tree.iter("time", "h1"):
        if el.tag == "h1":
            after_headline = after_headline or el is headline
            continue
        if page.off(el) or _is_update(el):
            continue
        day = parse_day(el.get("datetime") or el.text_content())
        if not page.plausible(day):
            continue
        if after_headline:
            return day
        first = first or day
    return first


def _is_update(el: HtmlElement) -> bool:
    marks = " ".join(
        filter(
            None,
            (
                el.get("itemprop"),
                el.get("class"),
                (el.getparent().get("class") if el.getparent() is not None else None),
                el.text_content()[:40],
            ),
        )
    ).lower()
    return any(w in marks for w in ("modified", "updated", "update", "aktualisiert", "geändert"))


def _guarded(page: _Page, value: str | None) -> dt.date | None:
    """A date htmldate found, kept only where the page writes it out as a date of its own."""
    day = parse_day(value or "")
    if not page.plausible(day) or day is None or day not in page.shown:
        return None
    month = _url_month(page.url)
    if month is not None:
        # Within the URL's month, a day either side for time zones.
        lo = dt.date(month[0], month[1], 1) - dt.timedelta(days=1)
        hi = dt.date(month[0] + month[1] // 12, month[1] % 12 + 1, 1)
        if not lo <= day <= hi:
            return None
    return day


def find_page_date(
    tree: HtmlElement,
    url: str | None = None,
    *,
    markup_date: str | Callable[[], str | None] | None = None,
    latest: dt.date | None = None,
    extensive: bool = True,
) -> PageDate | None:
    """The publication day of the page ``tree`` (parsed HTML), or None when it shows none.

    ``markup_date`` is what htmldate finds in the page's markup without text search, or a
    function that finds it (called only when the page's own dates say nothing); ``latest`` is
    the last day a date may be (the fetch day; default today), and one day later is still
    accepted for time zones ahead of ours. ``extensive`` allows htmldate's text search as the
    last resort.
    """
    limit = (latest or dt.date.today()) + dt.timedelta(days=1)
    page = _Page(tree, url, limit)
    from_url = url_day(url)
    if not page.plausible(from_url):
        from_url = None

    structured = _json_ld(page) or _meta(page)
    if structured is not None and page.copyright_day(structured):
        structured = None
    if structured is not None:
        if from_url is not None and abs((from_url - structured).days) <= 1:
            return PageDate(from_url.isoformat(), "url+meta")
        return PageDate(structured.isoformat(), "meta")
    if from_url is not None:
        return PageDate(from_url.isoformat(), "url")
    for rule, source in (
        (lambda p: _labelled(p, _PUBLISHED_LABEL), "line"),
        (_vom_line, "line"),
        (_time_element, "time"),
        (lambda p: _labelled(p, _UPDATED_LABEL), "update"),
    ):
        day = rule(page)
        if day is not None and not page.copyright_day(day):
            return PageDate(day.isoformat(), source)
    day = _guarded(page, markup_date() if callable(markup_date) else markup_date)
    if day is not None and not page.copyright_day(day):
        return PageDate(day.isoformat(), "htmldate")
    if extensive:
        day = _guarded(page, _htmldate_extensive(tree, url, limit))
        if day is not None and not page.copyright_day(day):
            return PageDate(day.isoformat(), "htmldate text")
    return None


def _htmldate_extensive(tree: HtmlElement, url: str | None, limit: dt.date) -> str | None:
    from htmldate import find_date

    try:
        return find_date(
            tree, extensive_search=True, original_date=True, url=url, max_date=limit.isoformat()
        )
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        return None


__all__ = ["EARLIEST", "PUBLISHED_META", "PageDate", "find_page_date", "parse_day", "url_day"]
