"""RSS and Atom feeds read from files (no network), end to end through the CLI and the store."""

from __future__ import annotations

import html
import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

import pressespiegel.ingest.html as html_module
from pressespiegel.cli import main
from pressespiegel.errors import InputError
from pressespiegel.ingest import Document, InputFailure, Item, read_paths
from pressespiegel.ingest.feeds import FULL_TEXT_CHARS, looks_like_feed, parse_feed
from pressespiegel.model import Article, ArticleError
from pressespiegel.store import Database, Store

SITE = "https://www.saalbach-anzeiger.example"

BRIDGE = (
    "Nach 14 Monaten Bauzeit hat Bürgermeister Konrad Wehling am Freitag die neue Brücke über "
    "den Saalbach in Niederfeld für den Verkehr freigegeben. Rund 250 Menschen verfolgten die "
    "Feier am Ufer. Die alte Holzbrücke war im vergangenen Jahr wegen morscher Träger gesperrt "
    "worden.",
    "„Diese Brücke hält die nächsten hundert Jahre“, sagte Wehling bei der Eröffnung. Der Bau "
    "kostete 3,1 Millionen Euro, von denen der Freistaat zwei Drittel übernahm. Lastwagen bis "
    "40 Tonnen dürfen die Brücke künftig befahren.",
    "Anwohner der Uferstraße hatten sich während der Bauzeit über Lärm und Umleitungen "
    "beschwert. Die Gemeinde will ihnen nun mit einem neuen Spielplatz am Saalbach danken. Er "
    "soll noch vor den Sommerferien fertig werden.",
)
FIRE = (
    "Ein Großbrand in einer Lagerhalle am Niederfelder Gewerbering hat in der Nacht zum Montag "
    "einen Schaden von mehreren Hunderttausend Euro verursacht. Die Feuerwehr war mit 90 "
    "Einsatzkräften vor Ort. Verletzt wurde niemand.",
    "„Die Halle war nicht mehr zu retten, wir haben die Nachbargebäude geschützt“, sagte "
    "Kreisbrandmeisterin Sabine Olbrich. Wegen der starken Rauchentwicklung wurden die "
    "Anwohner gebeten, Fenster und Türen geschlossen zu halten. Die Warnung wurde am Morgen "
    "aufgehoben.",
    "Die Kriminalpolizei hat die Ermittlungen zur Brandursache aufgenommen. Nach ersten "
    "Erkenntnissen gibt es keine Hinweise auf Brandstiftung. Die Halle gehörte einem "
    "Getränkehändler aus der Region.",
)
SCHOOL = (
    "Der Gemeinderat von Niederfeld hat am Dienstag den Neubau der Grundschule am Lindenplatz "
    "beschlossen. Die Entscheidung fiel mit 17 zu 4 Stimmen. Baubeginn soll im kommenden "
    "Frühjahr sein.",
    "„Unsere Kinder lernen seit Jahren in Containern, das hat jetzt ein Ende“, sagte "
    "Elternsprecherin Petra Hollmann nach der Sitzung. Die Kosten werden auf 12 Millionen Euro "
    "geschätzt. Einen Teil will der Landkreis übernehmen.",
    "Die Opposition im Rat hatte eine Sanierung des alten Gebäudes gefordert. Ein Gutachten "
    "hatte diese jedoch als unwirtschaftlich eingestuft. Die alte Schule soll abgerissen "
    "werden, sobald der Neubau bezogen ist.",
)


def _html(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _text_len(paragraphs: tuple[str, ...]) -> int:
    return len(" ".join(paragraphs))


def rss(*, bridge: bool = True) -> str:
    """An RSS 2.0 feed: two entries with the whole article, two with a teaser only, one with
    neither link nor text."""
    full = f"<content:encoded><![CDATA[{_html(BRIDGE)}]]></content:encoded>" if bridge else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Saalbach-Anzeiger</title><link>{SITE}/</link><description>Nachrichten aus Niederfeld
</description><language>de</language>
<item>
  <title>Neue Saalbachbrücke in Niederfeld freigegeben</title>
  <link>{SITE}/lokales/bruecke-freigegeben</link>
  <guid isPermaLink="true">{SITE}/lokales/bruecke-freigegeben</guid>
  <pubDate>Fri, 17 May 2024 16:45:00 +0200</pubDate>
  <description>Der Bürgermeister gab die Brücke frei.</description>
  {full}
</item>
<item>
  <title>Lagerhalle am Gewerbering abgebrannt</title>
  <link>{SITE}/blaulicht/lagerhalle-abgebrannt</link>
  <pubDate>Mon, 20 May 2024 07:10:00 +0200</pubDate>
  <description>Großbrand in Niederfeld: hoher Schaden.</description>
  <content:encoded><![CDATA[{_html(FIRE)}]]></content:encoded>
</item>
<item>
  <title>Wochenmarkt zieht um</title>
  <link>{SITE}/lokales/wochenmarkt</link>
  <pubDate>Tue, 21 May 2024 09:00:00 +0200</pubDate>
  <description>Der Wochenmarkt findet ab Juni auf dem Kirchplatz statt.</description>
</item>
<item>
  <title>Stadtfest mit neuem Programm</title>
  <link>{SITE}/kultur/stadtfest</link>
  <description><![CDATA[<p>Das Stadtfest bekommt eine zweite Bühne.
  <a href="{SITE}/kultur/stadtfest">Weiterlesen</a></p>]]></description>
</item>
<item>
  <title>Ohne Verweis</title>
  <description>Eine Meldung ohne Link und ohne Text.</description>
</item>
</channel></rss>"""


def atom() -> str:
    content = html.escape(_html(SCHOOL), quote=False)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Saalbach-Anzeiger: Politik</title><id>urn:uuid:feed-politik</id>
<updated>2024-05-22T18:00:00Z</updated>
<entry>
  <title>Gemeinderat beschließt neue Grundschule</title>
  <link rel="alternate" href="{SITE}/politik/grundschule"/>
  <id>urn:uuid:0d7c9b1e-schule</id>
  <updated>2024-05-22T18:00:00Z</updated>
  <summary>Neubau am Lindenplatz.</summary>
  <content type="html">{content}</content>
</entry>
<entry>
  <title>Haushalt bleibt knapp</title>
  <link rel="alternate" href="{SITE}/politik/haushalt"/>
  <id>urn:uuid:0d7c9b1e-haushalt</id>
  <updated>2024-05-23T08:00:00Z</updated>
  <summary>Der Kämmerer warnt vor neuen Schulden.</summary>
</entry>
</feed>"""


def _summary(items: list[Item]) -> list[str]:
    return [f"!{i.code} {i.source}" if isinstance(i, InputFailure) else i.id for i in items]


def test_the_stories_are_long_enough_to_count_as_full_text() -> None:
    for story in (BRIDGE, FIRE, SCHOOL):
        assert _text_len(story) >= FULL_TEXT_CHARS


# -- reading feeds ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["anzeiger.rss", "anzeiger.xml", "anzeiger"])
def test_rss_entries(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(rss(), encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert _summary(items) == [
        f"{SITE}/lokales/bruecke-freigegeben",
        f"{SITE}/blaulicht/lagerhalle-abgebrannt",
        f"!E117 {SITE}/lokales/wochenmarkt",
        f"!E117 {SITE}/kultur/stadtfest",
        f"!E111 {path} ({path}#5)",
    ]
    bridge, fire = items[0], items[1]
    assert isinstance(bridge, Document) and isinstance(fire, Document)
    assert bridge.url == bridge.id and bridge.source == bridge.id
    assert bridge.published == "2024-05-17" and fire.published == "2024-05-20"
    page = bridge.data.decode("utf-8")
    assert "<title>Neue Saalbachbrücke in Niederfeld freigegeben</title>" in page
    assert BRIDGE[0] in page and BRIDGE[2] in page
    assert "Der Bürgermeister gab die Brücke frei." not in page  # the teaser is not the text
    teaser = items[2]
    assert isinstance(teaser, InputFailure) and teaser.id == f"{SITE}/lokales/wochenmarkt"
    assert f"{SITE}/lokales/wochenmarkt" in teaser.message and "--no-fetch" in teaser.message


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "politik.atom"
    path.write_text(atom(), encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert _summary(items) == [f"{SITE}/politik/grundschule", f"!E117 {SITE}/politik/haushalt"]
    school = items[0]
    assert isinstance(school, Document)
    assert school.published == "2024-05-22" and school.url == f"{SITE}/politik/grundschule"
    art = school.to_article()
    assert art.title == "Gemeinderat beschließt neue Grundschule"
    assert art.text.startswith("Gemeinderat beschließt neue Grundschule\n")
    for para in SCHOOL:
        assert para in art.text
    assert art.published == "2024-05-22" and art.url == f"{SITE}/politik/grundschule"


def test_feed_without_suffix_in_a_folder_is_sniffed_by_content(tmp_path: Path) -> None:
    (tmp_path / "politik").write_text(atom(), encoding="utf-8")
    assert looks_like_feed((tmp_path / "politik").read_bytes())
    items = list(read_paths([str(tmp_path)]))
    assert _summary(items) == [f"{SITE}/politik/grundschule", f"!E117 {SITE}/politik/haushalt"]


def test_full_content_entry_extracts_to_its_article(tmp_path: Path) -> None:
    path = tmp_path / "anzeiger.rss"
    path.write_text(rss(), encoding="utf-8")
    fire = list(read_paths([str(path)]))[1]
    assert isinstance(fire, Document)
    art = fire.to_article()
    assert art.id == f"{SITE}/blaulicht/lagerhalle-abgebrannt"
    assert art.title == "Lagerhalle am Gewerbering abgebrannt"
    assert art.text.count("Lagerhalle am Gewerbering abgebrannt") == 1
    assert all(p in art.text for p in FIRE)
    assert art.published == "2024-05-20"
    assert art.original is not None and art.original.data == fire.data


@pytest.mark.parametrize(
    ("stamp", "atom_feed"),
    [
        ("Fri, 17 May 2024 00:30:00 +0200", False),
        ("2024-05-17T00:30:00+02:00", True),
    ],
)
def test_entry_date_is_the_day_the_feed_gives(stamp: str, atom_feed: bool) -> None:
    if atom_feed:
        data = (
            f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            f"<id>urn:a</id><updated>{stamp}</updated><entry><title>Nachtsitzung</title>"
            f'<id>urn:a:1</id><link href="{SITE}/nacht"/><updated>{stamp}</updated>'
            f"<summary>Der Rat tagte bis nach Mitternacht.</summary></entry></feed>"
        )
    else:
        data = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><item>'
            f"<title>Nachtsitzung</title><link>{SITE}/nacht</link><pubDate>{stamp}</pubDate>"
            f"<description>Der Rat tagte bis nach Mitternacht.</description></item>"
            f"</channel></rss>"
        )
    (entry,) = parse_feed(data.encode(), "nacht.xml")
    # The page itself (htmldate) and JSON Lines input both keep the local date, 2024-05-17.
    assert entry.published == "2024-05-17"


@pytest.mark.parametrize(
    "content",
    [
        b"Das ist kein Feed, sondern ein Leserbrief an die Redaktion.",
        b"<html><body><p>Eine Webseite, kein Feed.</p></body></html>",
        b"\x00\x01\x02 garbage \xff\xfe",
    ],
)
def test_malformed_feed_file_is_one_bad_feed_failure(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kaputt.rss"
    path.write_bytes(content)
    items = list(read_paths([str(path)]))
    assert len(items) == 1 and isinstance(items[0], InputFailure)
    assert items[0].code == "E111" and str(path) in items[0].message


def test_parse_feed_never_opens_a_path_or_url_given_as_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Any] = []

    def no_network(self: Any, url: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(url)
        raise AssertionError(f"parse_feed went to the network for {url!r}")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    real_feed = tmp_path / "echt.rss"
    real_feed.write_text(rss(), encoding="utf-8")
    assert len(parse_feed(real_feed.read_bytes(), "echt.rss")) == 5  # a readable feed
    for data in (
        b"http://example.org/feed",
        b"https://example.org/feed.rss",
        b"/etc/passwd",
        str(real_feed).encode(),
        real_feed.as_uri().encode(),
    ):
        with pytest.raises(InputError) as info:
            parse_feed(data, "inhalt")
        assert info.value.code == "E111"
    assert opened == []


def test_feed_entries_are_plain_entries(tmp_path: Path) -> None:
    entries = parse_feed(rss().encode(), "anzeiger.rss")
    assert [e.link for e in entries] == [
        f"{SITE}/lokales/bruecke-freigegeben",
        f"{SITE}/blaulicht/lagerhalle-abgebrannt",
        f"{SITE}/lokales/wochenmarkt",
        f"{SITE}/kultur/stadtfest",
        None,
    ]
    assert [e.content is not None for e in entries] == [True, True, False, False, False]
    assert entries[3].published is None
    assert entries[4].id == "anzeiger.rss#5"


# -- end to end through the CLI and the store ---------------------------------------------------


def _analyze(feed: Path, db: Path, out: Path) -> int:
    return main(["analyze", str(feed), "--db", str(db), "--out", str(out), "-q", "--no-fetch"])


def _errors(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["errors", "--db", str(db), "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_analyze_feed_stores_full_entries_and_records_teasers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "anzeiger.rss"
    feed.write_text(rss(), encoding="utf-8")
    db, out = tmp_path / "p.db", tmp_path / "dossiers"
    documents = [i for i in read_paths([str(feed)]) if isinstance(i, Document)]
    assert len(documents) == 2

    assert _analyze(feed, db, out) == 1  # some entries failed: partial
    with Database(db) as store:
        assert store.count() == 2
        assert {a.id for a in store.articles()} == {d.id for d in documents}
        for doc in documents:
            assert store.has_original(doc.digest)
            original = store.original(doc.id)
            assert original is not None and original == ("text/html", doc.data)
        bridge = next(store.articles([f"{SITE}/lokales/bruecke-freigegeben"]))
        assert bridge.published == "2024-05-17" and BRIDGE[1] in bridge.text
    rows = _errors(capsys, db)
    assert sorted((r["code"], r["source"]) for r in rows) == [
        ("E111", f"{feed} ({feed}#5)"),
        ("E117", f"{SITE}/kultur/stadtfest"),
        ("E117", f"{SITE}/lokales/wochenmarkt"),
    ]
    teaser = next(r for r in rows if r["source"] == f"{SITE}/lokales/wochenmarkt")
    assert teaser["article"] == f"{SITE}/lokales/wochenmarkt" and teaser["stage"] == "ingest"

    # Again: nothing new is stored, no page is extracted again, no error is doubled.
    extracted: list[str] = []
    real_extract = html_module.extract_page

    def counting(markup: str, name: str, **kwargs: Any) -> Any:
        extracted.append(name)
        return real_extract(markup, name, **kwargs)

    monkeypatch.setattr(html_module, "extract_page", counting)
    assert _analyze(feed, db, out) == 1
    assert extracted == []
    with Database(db) as store:
        assert store.count() == 2
    again = _errors(capsys, db)
    assert sorted((r["code"], r["source"]) for r in again) == sorted(
        (r["code"], r["source"]) for r in rows
    )


def test_teaser_entry_that_later_carries_full_text_clears_its_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "anzeiger.rss"
    db, out = tmp_path / "p.db", tmp_path / "dossiers"
    feed.write_text(rss(bridge=False), encoding="utf-8")
    _analyze(feed, db, out)
    bridge = f"{SITE}/lokales/bruecke-freigegeben"
    assert any(r["source"] == bridge and r["code"] == "E117" for r in _errors(capsys, db))
    feed.write_text(rss(bridge=True), encoding="utf-8")  # the feed now has the whole story
    _analyze(feed, db, out)
    assert all(r["source"] != bridge for r in _errors(capsys, db))
    with Database(db) as store:
        assert store.count() == 2 and store.original(bridge) is not None


# -- the store: retries replace failures --------------------------------------------------------

STORED_TEXT = "\n".join(("Neue Saalbachbrücke in Niederfeld freigegeben", "", *BRIDGE))


def _n_errors(store: Store, article_id: str) -> int:
    (article,) = store.articles([article_id])
    return len(article.errors)


def test_article_stored_with_a_stage_error_is_replaced_by_a_clean_analysis(tmp_path: Path) -> None:
    with Database(tmp_path / "p.db") as store:
        failed = Article(
            id="bruecke",
            text=STORED_TEXT,
            source="bruecke.txt",
            errors=[ArticleError("quotes", "E201", "stage 'quotes' failed: boom")],
        )
        assert store.add_article(failed)
        assert not store.has(STORED_TEXT)  # a failed analysis is done again
        assert _n_errors(store, "bruecke") == 1
        assert [(e.article_id, e.code) for e in store.errors()] == [("bruecke", "E201")]

        retry = Article(id="bruecke-neu", text=STORED_TEXT, source="woanders/bruecke.txt")
        assert store.add_article(retry)
        assert retry.id == "bruecke"  # the stored article keeps its id
        assert store.count() == 1
        assert _n_errors(store, "bruecke") == 0
        assert store.errors() == []
        assert store.has(STORED_TEXT)
        assert not store.add_article(Article(id="x", text=STORED_TEXT, source="x.txt"))
        assert store.count() == 1


def test_input_that_failed_and_later_succeeds_leaves_no_error_row(tmp_path: Path) -> None:
    with Database(tmp_path / "p.db") as store:
        store.add_error(
            "meldung.html", "ingest", "E110", "[E110] meldung.html: no article text", "meldung"
        )
        store.add_error("andere.html", "ingest", "E102", "[E102] andere.html: binary", "andere")
        store.add_error(
            "meldung.html", "ingest", "E110", "[E110] meldung.html: no article text", "meldung"
        )
        assert sorted(e.source for e in store.errors()) == ["andere.html", "meldung.html"]
        assert store.add_article(Article(id="meldung", text=STORED_TEXT, source="meldung.html"))
        assert [e.source for e in store.errors()] == ["andere.html"]
