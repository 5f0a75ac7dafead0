"""The publication date of a page: metadata first, never a copyright year, archive or comment."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import trafilatura

from pressespiegel.ingest import html_to_article
from pressespiegel.ingest.pagedates import find_page_date, parse_day, url_day

STORY = (
    "<p>Der Gemeinderat von Kleinhausen hat am Abend den Bau einer neuen Sporthalle für die "
    "Grundschule beschlossen. Die Halle soll im kommenden Jahr fertig werden.</p>"
    "<p>Die Kosten von 3,5 Millionen Euro teilen sich Gemeinde und Landkreis. Der Schulverein "
    "hatte jahrelang für den Neubau geworben und mehr als 800 Unterschriften gesammelt.</p>"
)
TODAY = dt.date(2024, 6, 30)


def page(
    *,
    head: str = "",
    top: str = "",
    after: str = "",
    aside: str = "",
    footer: str = "© 2019 Kleinhausener Bote",
) -> str:
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Neue Sporthalle'
        f'</title>{head}</head><body><header class="site-header"><nav><a href="/">Start'
        f"</a></nav></header><main><article><h1>Neue Sporthalle für Kleinhausen</h1>{top}"
        f"{STORY}{after}</article>{aside}</main><footer><p>{footer}</p></footer></body></html>"
    )


def date_of(
    markup: str, url: str | None = None, *, markup_date: str | None = None, extensive: bool = True
) -> str | None:
    tree = trafilatura.load_html(markup)
    found = find_page_date(tree, url, markup_date=markup_date, latest=TODAY, extensive=extensive)
    return found.date if found else None


def ld(**fields: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# -- copyright years, archives, comments --------------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        "© 2019 Kleinhausener Bote",
        "Copyright 2019 Kleinhausener Bote",
        "&copy; 2019 Verlag Hansen. Alle Rechte vorbehalten.",
        "(c) 2001-2019 Bote Medien",
    ],
)
def test_copyright_year_is_never_the_date(footer: str) -> None:
    assert date_of(page(footer=footer)) is None
    art = html_to_article(page(footer=footer).encode(), "a", "a.html")
    assert art.published is None


def test_htmldate_jan_first_from_a_copyright_year_is_refused() -> None:
    # What htmldate's text search makes of "© 2019" when a page has nothing else.
    assert date_of(page(), markup_date="2019-01-01") is None


def test_a_real_new_years_date_beside_the_same_copyright_year_is_kept() -> None:
    markup = page(
        top='<p class="date">Veröffentlicht am 01.01.2024, 00:15 Uhr</p>',
        footer="© 2024 Kleinhausener Bote",
    )
    assert date_of(markup) == "2024-01-01"


def test_archive_list_and_comments_are_not_the_page_date() -> None:
    aside = (
        '<div class="archiv-box"><h3>Aus dem Archiv</h3><ul>'
        '<li><time datetime="2019-03-14">14.03.2019</time> <a href="/a">Hallenbad</a></li>'
        "</ul></div>"
    )
    comments = (
        '<section class="comments"><div class="comment"><time datetime="2024-05-20">'
        "20.05.2024</time><p>Endlich!</p></div></section>"
    )
    assert date_of(page(aside=aside, after=comments)) is None
    assert date_of(page(aside=aside), markup_date="2019-03-14") is None


def test_comment_before_the_article_does_not_win_over_the_article_time() -> None:
    widget = (
        '<div class="kommentare-widget"><time datetime="2024-05-20T21:13">20.05.2024</time></div>'
    )
    markup = page(top='<time datetime="2024-05-18T06:00">18.05.2024</time>').replace(
        "<main>", "<main>" + widget
    )
    assert date_of(markup) == "2024-05-18"


def test_a_date_inside_a_sentence_of_the_story_is_not_the_page_date() -> None:
    markup = page(
        after="<p>Am 3. März 2024 hatte der Ausschuss dem Bau bereits zugestimmt, "
        "nachdem der Schulverein seine Unterschriften übergeben hatte.</p>"
    )
    assert date_of(markup, markup_date="2024-03-03") is None


def test_a_relative_date_alone_gives_none() -> None:
    assert date_of(page(top='<span class="ago">vor 2 Stunden</span>')) is None


# -- structured metadata first ------------------------------------------------------------------


def test_json_ld_date_published_wins_over_update_lines_and_times() -> None:
    head = ld(datePublished="2024-03-12T14:05:00+01:00", dateModified="2024-03-13T09:10:00+01:00")
    head += '<meta property="og:updated_time" content="2024-03-13T09:10:00+01:00">'
    markup = page(
        head=head,
        top='<p>Stand: 13.03.2024 09:10 Uhr</p><time datetime="2024-03-13">13.03.2024</time>',
    )
    assert date_of(markup) == "2024-03-12"


def test_json_ld_of_the_article_not_of_videos_or_the_web_page() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "datePublished": "2024-04-30T16:00:00+02:00"},
            {"@type": "VideoObject", "uploadDate": "2023-11-11T10:00:00+01:00"},
            {"@type": "NewsArticle", "datePublished": "2024-05-01T07:00:00+02:00"},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    assert date_of(page(head=head)) == "2024-05-01"


def test_published_meta_wins_over_the_modified_time() -> None:
    head = (
        '<meta property="article:modified_time" content="2024-02-09T12:30:00+01:00">'
        '<meta property="article:published_time" content="2024-02-01T08:00:00+01:00">'
    )
    assert date_of(page(head=head, top="<p>Aktualisiert: 09.02.2024</p>")) == "2024-02-01"


def test_dates_in_comments_marked_up_as_date_published_are_skipped() -> None:
    comment = (
        '<div itemscope itemtype="https://schema.org/Comment"><span itemprop="datePublished"'
        ' content="2024-05-05T14:15:08+02:00">05.05.24</span></div>'
    )
    head = '<meta itemprop="datePublished" content="2024-04-24T16:45:00+02:00">'
    assert date_of(page(head=head, after=comment)) == "2024-04-24"


# -- German date lines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Stand: 12.03.2024 14:05 Uhr", "2024-03-12"),
        ("Veröffentlicht am 3. März 2024", "2024-03-03"),
        ("Von Anke Bruhns | Veröffentlicht am Dienstag, 5. März 2024, 18:00 Uhr", "2024-03-05"),
        ("Erstellt: 04.03.2024, 10:15 Uhr", "2024-03-04"),
        ("publiziert am 25. September 2023", "2023-09-25"),
        ("Veröffentlicht: 05.03.24, 18:00 Uhr", "2024-03-05"),
        ("Artikel vom 14. März 2024", "2024-03-14"),
    ],
)
def test_german_date_lines(line: str, expected: str) -> None:
    assert date_of(page(top=f'<p class="meta">{line}</p>')) == expected


def test_published_line_wins_over_the_update_line() -> None:
    top = "<p>Zuletzt aktualisiert: 14.03.2024</p><p>Erstveröffentlichung: 10.03.2024</p>"
    assert date_of(page(top=top)) == "2024-03-10"


def test_stand_line_is_a_stand_in_after_the_article_time() -> None:
    top = '<time datetime="2024-03-11T08:00">11.03.2024</time><p>Stand: 12.03.2024</p>'
    assert date_of(page(top=top)) == "2024-03-11"


# -- URL dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kreisblatt.example/lokales/2024/03/05/sporthalle/", "2024-03-05"),
        ("https://www.zeitung.example/commentisfree/2019/nov/18/meinung", "2019-11-18"),
        ("https://www.zeitung.example/story/2019-11-19/disney-plus", "2019-11-19"),
        ("https://www.zeitung.example/sport/derby-am-2024-04-20-vorbericht-100.html", None),
        ("https://www.zeitung.example/politik/2024-03/nur-der-monat", None),
        ("https://www.zeitung.example/news/Fehlerhaftes-Update-9760123.html", None),
    ],
)
def test_url_day(url: str, expected: str | None) -> None:
    day = url_day(url)
    assert (day.isoformat() if day else None) == expected


def test_url_date_alone_is_the_date_never_the_copyright_year() -> None:
    assert date_of(page(), "https://kreisblatt.example/lokales/2024/03/05/halle/") == "2024-03-05"


def test_url_day_wins_over_utc_metadata_a_day_later() -> None:
    # Posted at 9 pm in New York: 02:00 UTC the next day in the metadata.
    head = '<meta property="article:published_time" content="2019-11-19T02:24:00Z">'
    assert date_of(page(head=head), "https://news.example/2019/11/18/story/") == "2019-11-18"


def test_metadata_wins_over_a_url_date_days_away() -> None:
    head = '<meta property="article:published_time" content="2024-04-18T17:00:00+02:00">'
    assert date_of(page(head=head), "https://s.example/2024/04/25/vorbericht") == "2024-04-18"


def test_partial_url_month_bounds_what_htmldate_gives() -> None:
    markup = page(top='<p class="date">12.03.2024</p><p class="info">02.02.2023</p>')
    url = "https://www.zeitung.example/politik/2024-03/slug"
    assert date_of(markup, url, markup_date="2023-02-02", extensive=False) is None
    assert date_of(markup, None, markup_date="2023-02-02", extensive=False) == "2023-02-02"
    assert date_of(markup, url, markup_date="2024-03-12") == "2024-03-12"


# -- plausibility: the future and placeholders --------------------------------------------------


def test_future_dates_are_rejected() -> None:
    head = ld(datePublished="2038-01-19T03:14:07Z")
    assert date_of(page(head=head, top="<p>Veröffentlicht: 22.01.2024</p>")) == "2024-01-22"
    assert date_of(page(head=head)) is None
    assert date_of(page(top="<p>Veröffentlicht: 01.07.2024</p>")) == "2024-07-01"  # a day ahead
    assert date_of(page(top="<p>Veröffentlicht: 03.07.2024</p>")) is None


def test_placeholder_dates_are_rejected() -> None:
    head = (
        ld(datePublished="1970-01-01T01:00:00+01:00", dateModified="0001-01-01T00:00:00Z")
        + '<meta property="article:published_time" content="1970-01-01T01:00:00+01:00">'
    )
    assert (
        date_of(page(head=head, top='<div class="meta">Stand: 15.03.2024 11:20 Uhr</div>'))
        == "2024-03-15"
    )


def test_end_to_end_the_article_gets_the_page_date() -> None:
    head = ld(datePublished="2024-03-12T14:05:00+01:00")
    art = html_to_article(page(head=head).encode(), "a", "a.html")
    assert art.published == "2024-03-12"


def test_deeply_nested_markup_is_read_without_recursion() -> None:
    markup = page(top="<div>" * 5000 + "<p>Stand: 12.03.2024</p>" + "</div>" * 5000)
    assert date_of(markup) in ("2024-03-12", None)


# -- date forms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-20T06:35:39Z", "2019-11-20"),
        ("2019-11-19 02:24:00", "2019-11-19"),
        ("20191119", "2019-11-19"),
        ("2019/11/19", "2019-11-19"),
        ("Mon, 18 Nov 2019 16:07:38 -0600", "2019-11-18"),
        ("Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19"),
        ("November 20, 2019 13:42", "2019-11-20"),
        ("01:38:07 PM IST Nov 20, 2019", "2019-11-20"),
        ("12.03.2024, 14.05 Uhr", "2024-03-12"),
        ("3. März 2024", "2024-03-03"),
        ("Nov. 18th 2019", "2019-11-18"),
        ("0001-01-01T00:00:00Z", None),
        ("2019", None),
        ("31.02.2024", None),
    ],
)
def test_parse_day(value: str, expected: str | None) -> None:
    day = parse_day(value)
    assert (day.isoformat() if day else None) == expected
