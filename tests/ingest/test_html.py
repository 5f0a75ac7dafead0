"""HTML pages to articles: extraction, metadata, encodings, hostile markup, offsets, folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressespiegel.app.batch import process
from pressespiegel.errors import InputError
from pressespiegel.ingest import Document, InputFailure, html_to_article, read_paths
from pressespiegel.ingest.html import compose
from pressespiegel.model import Article

HEADLINE = "Neue Brücke in Kleinhausen eröffnet"
CANONICAL = "https://www.wipper-kurier.example/lokales/neue-bruecke-eroeffnet.html"

PARAGRAPHS = (
    "Nach drei Jahren Bauzeit ist die neue Fußgängerbrücke über die Wipper in Kleinhausen am "
    "Samstag eröffnet worden. Bürgermeisterin Gerlinde Bachmann durchschnitt vor rund 400 Gästen "
    "das rote Band. Die Brücke verbindet die Altstadt mit dem Neubaugebiet am Mühlenweg.",
    "„Heute ist ein guter Tag für unsere Stadt“, sagte Bachmann in ihrer Ansprache. Die Kosten "
    "von 4,2 Millionen Euro hätten sich gelohnt, weil Schulkinder nun nicht mehr die "
    "Bundesstraße überqueren müssten. Das Land Sachsen-Anhalt hatte den Bau mit 2,8 Millionen "
    "Euro gefördert.",
    "Die Stahlkonstruktion ist 86 Meter lang und wurde von einem Ingenieurbüro aus Magdeburg "
    "entworfen. Nachts beleuchten Leuchtdioden im Geländer den Weg. Radfahrer dürfen die Brücke "
    "ebenfalls benutzen, müssen aber Schrittgeschwindigkeit einhalten.",
    "Kritik kam von der Bürgerinitiative Wipperaue. Deren Sprecher Holger Freitag bemängelte, "
    "dass für den Bau zwölf alte Weiden gefällt worden seien. Die Stadt kündigte an, im Herbst "
    "am Ufer zwanzig neue Bäume zu pflanzen.",
)

# Text of the page around the article: none of it may reach article.text.
BOILERPLATE = (
    "Wir verwenden Cookies",
    "Alle akzeptieren",
    "Jetzt abonnieren",
    "Stadtrat beschließt neuen Haushalt",
    "Freibad öffnet früher",
    "Alle Rechte vorbehalten",
    "Impressum",
    "Datenschutz",
    "WhatsApp",
)

META_DATE = '<meta property="article:published_time" content="2024-05-18T10:30:00+02:00">'
TIME_DATE = '<time datetime="2024-05-18">18. Mai 2024</time>'


def page(
    *,
    title: str = HEADLINE,
    charset: str = "utf-8",
    h1: bool = True,
    og_title: bool = True,
    meta_date: str = META_DATE,
    time_date: str = TIME_DATE,
    article_extra: str = "",
    footer: str = "© 2024 Wipper-Kurier Verlagsgesellschaft. Alle Rechte vorbehalten.",
) -> str:
    """A local news page: the story inside <main><article>, with a cookie banner, header and
    menu, share buttons, a "Lesen Sie auch" list and a footer around it."""
    paras = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    og = f'<meta property="og:title" content="{title}">' if og_title else ""
    heading = f"<h1>{title}</h1>" if h1 else ""
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="{charset}">
<title>{title} | Wipper-Kurier</title>
<meta property="og:site_name" content="Wipper-Kurier">
{og}
{meta_date}
<link rel="canonical" href="{CANONICAL}">
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>Wir verwenden Cookies, um Ihnen das beste
Nutzererlebnis zu bieten. Mit dem Klick auf Akzeptieren stimmen Sie der Verwendung zu.</p>
<button>Alle akzeptieren</button></div>
<header class="site-header"><a href="/">Wipper-Kurier</a><nav><ul>
<li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/lokales">Lokales</a></li><li><a href="/abo">Jetzt abonnieren</a></li>
</ul></nav></header>
<main><article>
{heading}
{time_date}
{paras}
{article_extra}
<div class="share"><a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">E-Mail</a></div>
</article>
<aside class="related"><h2>Lesen Sie auch</h2><ul>
<li><a href="/a">Stadtrat beschließt neuen Haushalt für das kommende Jahr</a></li>
<li><a href="/b">Freibad öffnet früher als geplant in diesem Sommer</a></li>
</ul></aside>
</main>
<footer><p>{footer}</p><a href="/impressum">Impressum</a>
<a href="/datenschutz">Datenschutz</a></footer>
</body></html>"""


def _story_intact(text: str) -> bool:
    return (
        "Fußgängerbrücke über die Wipper" in text
        and "„Heute ist ein guter Tag für unsere Stadt“" in text
        and "zwölf alte Weiden" in text
    )


# -- extraction and metadata ------------------------------------------------------------------


def test_page_becomes_article_with_metadata_and_original() -> None:
    data = page().encode("utf-8")
    art = Document(
        id="bruecke",
        source="bruecke.html",
        data=data,
        url="https://www.wipper-kurier.example/b?utm=x",
    ).to_article()
    assert art.id == "bruecke" and art.source == "bruecke.html"
    assert art.text.startswith(HEADLINE + "\n")
    assert art.text.count(HEADLINE) == 1
    for para in PARAGRAPHS:
        assert para in art.text
    assert art.title == HEADLINE
    assert art.outlet == "Wipper-Kurier"
    assert art.published == "2024-05-18"
    assert art.url == CANONICAL
    assert art.original is not None
    assert art.original.data == data and art.original.media_type == "text/html"
    assert art.original.url == "https://www.wipper-kurier.example/b?utm=x"


def test_headline_blank_line_then_main_text_when_body_lacks_it() -> None:
    art = html_to_article(page(h1=False).encode(), "b", "b.html")
    headline, blank, body = art.text.partition("\n\n")
    assert headline == HEADLINE and blank
    assert body.startswith(PARAGRAPHS[0])


@pytest.mark.parametrize("snippet", BOILERPLATE)
def test_page_furniture_is_not_in_the_text(snippet: str) -> None:
    art = html_to_article(page().encode(), "b", "b.html")
    assert _story_intact(art.text)
    assert snippet not in art.text


@pytest.mark.parametrize(
    ("meta_date", "time_date", "expected"),
    [
        (
            '<meta property="article:published_time" content="2023-11-02T10:30:00+01:00">',
            "",
            "2023-11-02",
        ),
        ("", '<time datetime="2024-03-07T08:15:00+01:00">7. März 2024</time>', "2024-03-07"),
    ],
)
def test_published_from_meta_or_time_element(meta_date: str, time_date: str, expected: str) -> None:
    art = html_to_article(page(meta_date=meta_date, time_date=time_date).encode(), "b", "b.html")
    assert art.published == expected


def test_url_given_with_the_page_is_kept_without_canonical() -> None:
    markup = page().replace(f'<link rel="canonical" href="{CANONICAL}">', "")
    art = html_to_article(markup.encode(), "b", "b.html", url="https://archiv.example/b")
    assert art.url == "https://archiv.example/b"


@pytest.mark.parametrize("given", [None, "2022-06-30"])
def test_copyright_year_is_not_a_publication_date(given: str | None) -> None:
    markup = page(meta_date="", time_date="", footer="© 2019 Wipper-Kurier Verlagsgesellschaft.")
    art = html_to_article(markup.encode(), "b", "b.html", published=given)
    assert art.published == given


# -- compose ------------------------------------------------------------------------------------


def test_compose_puts_headline_over_body() -> None:
    body = PARAGRAPHS[0] + "\n" + PARAGRAPHS[1]
    assert compose(HEADLINE, body) == f"{HEADLINE}\n\n{body}"
    assert compose(None, "  " + body + "\n") == body


@pytest.mark.parametrize(
    "title", [HEADLINE, f"{HEADLINE} | Wipper-Kurier", f"{HEADLINE} - Wipper-Kurier"]
)
def test_compose_does_not_repeat_a_headline_the_body_opens_with(title: str) -> None:
    body = f"{HEADLINE}\n{PARAGRAPHS[0]}"
    assert compose(title, body) == body


def test_title_with_site_suffix_and_h1_in_body_gives_one_headline() -> None:
    art = html_to_article(page(og_title=False).encode(), "b", "b.html")
    assert art.text.count(HEADLINE) == 1
    assert art.text.startswith(HEADLINE)
    assert "| Wipper-Kurier" not in art.text


# -- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "codec"),
    [
        ("windows-1252", "cp1252"),
        ("ISO-8859-1", "cp1252"),  # latin-1 labels are read as windows-1252 (curly quotes)
        ("iso-8859-1", "utf-8"),  # the label is wrong: the bytes are UTF-8
        ("utf-8", "utf-8"),
    ],
)
def test_declared_charset(declared: str, codec: str) -> None:
    art = html_to_article(page(charset=declared).encode(codec), "b", "b.html")
    assert _story_intact(art.text)
    assert art.title == HEADLINE


def test_server_charset_wins_over_a_wrong_meta() -> None:
    data = page(charset="koi8-r").encode("cp1252")
    # Without the server's word the meta is believed (koi8-r decodes any byte) and the text
    # comes out wrong, so the good result below is the server charset's doing.
    wrong = Document(id="b", source="b.html", data=data).to_article()
    assert not _story_intact(wrong.text)
    right = Document(id="b", source="b.html", data=data, charset="windows-1252").to_article()
    assert _story_intact(right.text) and right.title == HEADLINE


def test_server_charset_utf8_over_a_meta_that_decodes_anything() -> None:
    data = page(charset="iso-8859-5").encode("utf-8")
    assert not _story_intact(Document(id="b", source="b", data=data).to_article().text)
    art = Document(id="b", source="b", data=data, charset="utf-8").to_article()
    assert _story_intact(art.text)


def test_utf8_with_bom_and_a_contrary_meta() -> None:
    data = b"\xef\xbb\xbf" + page(charset="windows-1252").encode("utf-8")
    art = html_to_article(data, "b", "b.html")
    assert _story_intact(art.text)
    assert "\ufeff" not in art.text
    assert art.original is not None and art.original.data == data


# -- hostile pages ------------------------------------------------------------------------------

_STORY_P = "<p>" + " ".join(PARAGRAPHS) + "</p>"

HOSTILE: dict[str, bytes] = {
    "empty_html": b"<html></html>",
    "only_nav": (
        b"<html><body><nav><ul><li><a href='/'>Start</a></li>"
        b"<li><a href='/politik'>Politik</a></li></ul></nav></body></html>"
    ),
    "nested_divs": b"<html><body>" + b"<div>" * 10_000 + _STORY_P.encode(),
    "long_line": (
        b"<html><body><article><p>"
        + "Die Feuerwehr Oberwippra rückte zum Scheunenbrand aus. ".encode() * 37_000
        + b"</p></article></body></html>"
    ),
    "nul_bytes": page()
    .encode()
    .replace(b"Samstag", b"Sams\x00tag")
    .replace(b"Bauzeit", b"Bau\x00\x00zeit"),
    "png_named_html": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_page_is_an_input_error_or_an_article(name: str) -> None:
    data = HOSTILE[name]
    try:
        art = html_to_article(data, name, f"{name}.html")
    except InputError as exc:
        assert exc.code in {"E101", "E102", "E103", "E110"}
        assert f"{name}.html" in str(exc)
        return
    assert isinstance(art, Article)
    assert art.text.strip() and "\x00" not in art.text


def test_long_line_is_two_megabytes() -> None:
    assert len(HOSTILE["long_line"]) > 2_000_000


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty_html", "E110"),
        ("nested_divs", "E110"),
        ("png_named_html", "E102"),
    ],
)
def test_hostile_page_codes(name: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        html_to_article(HOSTILE[name], name, f"{name}.html")
    assert info.value.code == code


MENU_ONLY = (
    b"<html><head><title>Wipper-Kurier</title></head><body><header><nav><ul>"
    + b"".join(
        b"<li><a href='/r%d'>Rubrik Nummer %d im Lokalteil</a></li>" % (i, i) for i in range(20)
    )
    + b"</ul></nav></header><footer><a href='/impressum'>Impressum</a></footer>"
    b"</body></html>"
)


@pytest.mark.parametrize("data", [HOSTILE["only_nav"], MENU_ONLY], ids=["two_links", "menu"])
def test_navigation_only_page_is_no_article(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        html_to_article(data, "menu", "menu.html")
    assert info.value.code == "E110"


def test_nul_bytes_are_dropped_and_the_story_kept() -> None:
    art = html_to_article(HOSTILE["nul_bytes"], "n", "n.html")
    assert "Samstag" in art.text and "Bauzeit" in art.text and "\x00" not in art.text


def test_page_over_max_bytes_is_refused() -> None:
    data = page().encode()
    with pytest.raises(InputError) as info:
        html_to_article(data, "b", "b.html", max_bytes=len(data) - 1)
    assert info.value.code == "E103"
    with pytest.raises(InputError) as info:
        Document(id="b", source="b.html", data=data).to_article(max_bytes=1000)
    assert info.value.code == "E103"
    html_to_article(data, "b", "b.html", max_bytes=len(data))  # exactly at the limit: read


def test_batch_turns_a_hostile_document_into_a_failure() -> None:
    docs = [
        Document(id="leer", source="leer.html", data=HOSTILE["empty_html"]),
        Document(id="gut", source="gut.html", data=page().encode()),
    ]
    outcomes = list(process(docs))
    assert [o.status for o in outcomes] == ["failed", "annotated"]
    assert outcomes[0].article.errors[0].code == "E110"
    assert outcomes[0].article.id == "leer" and outcomes[0].article.source == "leer.html"


# -- offsets after the whole pipeline and the clean stage ---------------------------------------

TEASER = "Lesen Sie auch: Stadtrat beschließt neuen Haushalt"


@pytest.fixture(scope="module")
def annotated() -> Article:
    doc = Document(id="b", source="b.html", data=page(article_extra=f"<p>{TEASER}</p>").encode())
    (outcome,) = list(process([doc]))
    assert outcome.status == "annotated" and not outcome.article.errors
    return outcome.article


def test_every_span_indexes_into_the_text(annotated: Article) -> None:
    art = annotated
    text = art.text
    assert art.sentences and art.entities and art.quotes
    for s in art.sentences:
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end].strip()
    for m in art.entities:
        assert text[m.start : m.end] == m.text
    for q in art.quotes:
        assert text[q.start : q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker_span is not None:
            assert 0 <= q.speaker_span.start < q.speaker_span.end <= len(text)
    for f in art.figures:
        assert text[f.start : f.end] == f.text
    for d in art.dates:
        assert text[d.start : d.end] == d.text
    for lb in art.labels:
        assert text[lb.start : lb.end] == lb.text
    for span in [*art.body, *art.removed]:
        assert 0 <= span.start <= span.end <= len(text)


def test_pipeline_finds_the_people_and_the_quote(annotated: Article) -> None:
    names = {m.text for m in annotated.entities}
    assert {"Gerlinde Bachmann", "Holger Freitag"} <= names
    assert any(q.text == "Heute ist ein guter Tag für unsere Stadt" for q in annotated.quotes)
    assert annotated.outlet == "Wipper-Kurier" and annotated.published == "2024-05-18"


def test_clean_stage_drops_a_teaser_that_extraction_kept(annotated: Article) -> None:
    # Extraction keeps the prompt (it sits inside <article>); the cleaner must remove it.
    assert TEASER in annotated.text
    removed = {annotated.text[r.start : r.end]: r.reason for r in annotated.removed}
    assert removed.get(TEASER) == "teaser"
    assert TEASER not in annotated.body_text()
    assert PARAGRAPHS[3] in annotated.body_text()
    assert removed.get(HEADLINE) == "title"


# -- files and folders --------------------------------------------------------------------------


def test_folder_reads_html_and_text_and_ignores_markdown(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.htm").write_bytes(page(charset="windows-1252").encode("cp1252"))
    (tmp_path / "c.txt").write_text(
        "Die Feuerwehr Oberwippra löschte am Sonntag einen Scheunenbrand. Verletzt wurde niemand.",
        encoding="utf-8",
    )
    (tmp_path / "d.txt").write_text(page(), encoding="utf-8")  # an HTML page named .txt
    (tmp_path / "notes.md").write_text("# Notizen\n\nNicht lesen.", encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Document", "a"),
        ("Document", "b"),
        ("Article", "c"),
        ("Document", "d"),
    ]
    a, b, c, d = items
    assert isinstance(a, Document) and a.source == str(tmp_path / "a.html")
    assert a.data == (tmp_path / "a.html").read_bytes()
    assert isinstance(c, Article) and c.text.startswith("Die Feuerwehr Oberwippra")
    for doc in (a, b, d):
        assert isinstance(doc, Document)
        art = doc.to_article()
        assert _story_intact(art.text) and art.title == HEADLINE


def test_jsonl_html_record_gives_a_document_with_its_metadata(tmp_path: Path) -> None:
    record = {
        "id": "wk-17",
        "html": page(meta_date="", time_date=""),
        "url": "https://www.wipper-kurier.example/b",
        "outlet": "Wipper-Kurier Online",
        "published": "2024-05-18T09:00:00Z",
    }
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n{kaputt\n", encoding="utf-8")
    items = list(read_paths([str(src)]))
    assert len(items) == 2
    doc, bad = items
    assert isinstance(doc, Document) and isinstance(bad, InputFailure) and bad.code == "E106"
    assert doc.id == "wk-17" and doc.source == f"{src}:1"
    assert doc.url == "https://www.wipper-kurier.example/b"
    assert doc.outlet == "Wipper-Kurier Online" and doc.published == "2024-05-18"
    art = doc.to_article()
    assert _story_intact(art.text)
    assert art.outlet == "Wipper-Kurier Online"  # the record's outlet wins over og:site_name
