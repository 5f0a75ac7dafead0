"""Hand-built dossiers for the render tests: an invented German story about a bridge opening,
and a hostile one whose every article string carries markup."""

from __future__ import annotations

import pytest

from pressespiegel.model import (
    Article,
    Claim,
    Contradiction,
    Dossier,
    Fact,
    Framing,
    Removed,
    SourceRef,
    StoryEntity,
    StoryQuote,
    SubEvent,
    SummarySentence,
    TimelineEvent,
)

Story = tuple[Dossier, dict[str, Article]]

# Article ids deliberately contain characters that must never reach an HTML id or URL.
A1, A2, A3, A4 = 'kurier/1 "x"', "nordblick#2", "anzeiger 3", "beobachter'4"

TEXTS = {
    A1: (
        "Die Bürgermeisterin Anna Keller hat am Dienstag die neue Brücke über den Rhein eröffnet. "
        "Der Bau kostete nach Angaben der Stadt 120 Millionen Euro. „Heute ist ein guter Tag für "
        "alle Pendler“, sagte Keller bei der Feier.\n\nKritiker bemängeln die lange Bauzeit von "
        "sechs Jahren | und die Sperrungen."
    ),
    A2: (
        "Am Mittwoch wurde in Lindenau die neue Rheinbrücke freigegeben. Die umstrittene "
        "Bürgermeisterin Keller sprach von einem guten Tag für Pendler. Die Kosten beliefen sich "
        "auf 150 Millionen Euro. Der Verkehrsverband begrüßte die Eröffnung."
    ),
    A3: (
        "Die Bürgermeisterin Anna Keller hat am Dienstag die neue Brücke über den Rhein eröffnet. "
        "Der Bau kostete nach Angaben der Stadt 120 Millionen Euro."
    ),
    A4: (
        "Die Stadt Lindenau kündigte an, die Rheinbrücke im März 2024 zu eröffnen. "
        "Oberbürgermeisterin Anna Keller sagte: „Wir liegen im Zeitplan.“"
    ),
}


def ref(article: Article, passage: str, occurrence: int = 0) -> SourceRef:
    """The SourceRef of ``passage`` in ``article`` (its ``occurrence``-th appearance)."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(passage, start + 1)
    return SourceRef(article.id, start, start + len(passage), passage)


def claim(article: Article, passage: str, value: str) -> Claim:
    r = ref(article, passage)
    return Claim(r.article, r.start, r.end, r.text, value)


def build_story() -> Story:
    arts = {
        A1: Article(
            id=A1,
            text=TEXTS[A1],
            title="Lindenau eröffnet neue Rheinbrücke",
            outlet="Tageskurier",
            published="2024-03-12",
        ),
        A2: Article(
            id=A2,
            text=TEXTS[A2],
            title="Brücke in Lindenau: Freude und Kritik",
            outlet="Nordblick",
            published="2024-03-13",
        ),
        A3: Article(
            id=A3,
            text=TEXTS[A3],
            title="Neue Brücke eröffnet",
            outlet="Stadtanzeiger",
            published="2024-03-12",
        ),
        A4: Article(
            id=A4,
            text=TEXTS[A4],
            title="Brücke soll im März fertig sein",
            outlet="Der Beobachter",
            published="2023-09-01",
        ),
    }
    a1, a2, a3, a4 = arts[A1], arts[A2], arts[A3], arts[A4]
    cost1 = ref(a1, "Der Bau kostete nach Angaben der Stadt 120 Millionen Euro.")
    cost2 = ref(a2, "Die Kosten beliefen sich auf 150 Millionen Euro.")
    # Crosses ``cost1``: starts inside it and ends after it, the case nesting cannot express.
    crossing = ref(a1, "120 Millionen Euro. „Heute ist ein guter Tag für alle Pendler“")
    quote1 = ref(a1, "„Heute ist ein guter Tag für alle Pendler“")
    opened1 = ref(
        a1,
        "Die Bürgermeisterin Anna Keller hat am Dienstag die neue Brücke über den Rhein eröffnet.",
    )
    opened2 = ref(a2, "Am Mittwoch wurde in Lindenau die neue Rheinbrücke freigegeben.")
    dossier = Dossier(
        id="s1",
        title="Neue Rheinbrücke in Lindenau eröffnet",
        articles=[A1, A2, A3, A4],
        first_seen="2023-09-01",
        last_seen="2024-03-13",
        outlets={A1: "Tageskurier", A2: "Nordblick", A3: "Stadtanzeiger", A4: "Der Beobachter"},
        duplicate_of={A3: A1},
        sub_events=[
            SubEvent("ankuendigung", [A4], "2023-09-01", "2023-09-01"),
            SubEvent("eroeffnung", [A1, A2, A3], "2024-03-12", "2024-03-13", main=True),
        ],
        summary=[
            SummarySentence("Die neue Rheinbrücke in Lindenau ist eröffnet.", [opened1, opened2]),
            SummarySentence("Die Angaben zu den Kosten gehen auseinander.", [cost1, cost2]),
            SummarySentence("Bürgermeisterin Keller sprach von einem guten Tag.", [crossing]),
        ],
        timeline=[
            TimelineEvent("2024-03-12", "Eröffnung der Brücke", [opened1]),
            TimelineEvent(
                "2023-09",
                "Ankündigung der Eröffnung",
                [
                    ref(
                        a4,
                        "Die Stadt Lindenau kündigte an, die Rheinbrücke im März 2024 zu eröffnen.",
                    )
                ],
            ),
            TimelineEvent("2024-03", "Eröffnung für März geplant", [ref(a4, "im März 2024")]),
        ],
        entities=[
            StoryEntity(
                "e1",
                "Anna Keller",
                "PER",
                ["Anna Keller", "Keller", "Bürgermeisterin Keller"],
                [A1, A2, A3, A4],
                6,
            ),
            StoryEntity(
                "e2",
                "Lindenau",
                "LOC",
                ["Lindenau"],
                [A2, A4],
                2,
                ["Lindenauer", "lindenauische"],
                [A1, A2],
            ),
        ],
        facts=[
            Fact(
                "Die Brücke wurde eröffnet.",
                [opened1, opened2],
                ["Tageskurier", "Nordblick"],
                copies=[
                    ref(
                        a3,
                        "Die Bürgermeisterin Anna Keller hat am Dienstag die neue "
                        "Brücke über den Rhein eröffnet.",
                    )
                ],
            ),
        ],
        single_source=[
            Fact(
                "Die Bauzeit betrug sechs Jahre.",
                [
                    ref(
                        a1,
                        "Kritiker bemängeln die lange Bauzeit von sechs Jahren | und die "
                        "Sperrungen.",
                    )
                ],
                ["Tageskurier"],
            ),
        ],
        contradictions=[
            Contradiction(
                "Wochentag der Eröffnung",
                "weekday",
                [claim(a1, "am Dienstag", "Dienstag"), claim(a2, "Am Mittwoch", "Mittwoch")],
            ),
            Contradiction(
                "Baukosten",
                "number",
                [
                    claim(a1, "120 Millionen Euro", "120 Mio. €"),
                    claim(a2, "150 Millionen Euro", "150 Mio. €"),
                ],
            ),
        ],
        quotes=[
            StoryQuote(
                "Anna Keller", "Heute ist ein guter Tag für alle Pendler", "direct", [A1], [quote1]
            ),
            StoryQuote(
                "Anna Keller",
                "Wir liegen im Zeitplan.",
                "direct",
                [A4],
                [ref(a4, "„Wir liegen im Zeitplan.“")],
            ),
        ],
        framing=[
            Framing(
                "e1",
                "Anna Keller",
                {
                    A1: ["Bürgermeisterin"],
                    A2: ["umstrittene Bürgermeisterin"],
                    A4: ["Oberbürgermeisterin"],
                },
                [ref(a2, "umstrittene Bürgermeisterin")],
            ),
        ],
        coverage={
            A1: ["Eröffnung", "Kosten", "Kritik"],
            A2: ["Eröffnung", "Kosten"],
            A3: ["Eröffnung", "Kosten"],
            A4: ["Ankündigung"],
        },
    )
    return dossier, arts


PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
EVIL_ID = '"><img src=x onerror=alert(1)> javascript:alert(1) </textarea>'


def build_evil_story() -> Story:
    """Markup in every article-derived string: title, outlet, text, quote, entity, labels, ids."""
    text = (
        f"Der Sprecher {PAYLOAD} erklärte: „{PAYLOAD} bleibt geschlossen.“ "
        'Weitere Angaben machte er nicht. <a href="javascript:alert(1)">Mehr</a>'
    )
    art = Article(
        id=EVIL_ID,
        text=text,
        title=f"Titel {PAYLOAD}",
        outlet=f"Outlet {PAYLOAD}",
        published="2024-05-01",
    )
    quote = ref(art, f"„{PAYLOAD} bleibt geschlossen.“")
    said = ref(art, f"Der Sprecher {PAYLOAD} erklärte")
    dossier = Dossier(
        id="evil",
        title=f"Story {PAYLOAD}",
        articles=[EVIL_ID],
        outlets={EVIL_ID: f"Outlet {PAYLOAD}"},
        summary=[SummarySentence(f"Zusammenfassung {PAYLOAD}.", [said, quote])],
        timeline=[TimelineEvent("2024-05-01", f"Ereignis {PAYLOAD}", [said])],
        entities=[
            StoryEntity(
                "e<1>",
                f"Name {PAYLOAD}",
                "PER",
                [PAYLOAD, "</textarea>"],
                [EVIL_ID],
                2,
                [f"Volk {PAYLOAD}"],
                [EVIL_ID],
            )
        ],
        facts=[Fact(f"Fakt {PAYLOAD}", [said], [f"Outlet {PAYLOAD}", "<b>zwei</b>"])],
        contradictions=[
            Contradiction(
                f"Thema {PAYLOAD}", f"kind {PAYLOAD}", [claim(art, "Der Sprecher", PAYLOAD)]
            )
        ],
        quotes=[
            StoryQuote(
                f"Sprecher {PAYLOAD}",
                f"{PAYLOAD} bleibt geschlossen.",
                "direct",
                [EVIL_ID],
                [quote],
            )
        ],
        framing=[Framing("e<1>", f"Name {PAYLOAD}", {EVIL_ID: [PAYLOAD]}, [said])],
        coverage={EVIL_ID: [f"Thema {PAYLOAD}"]},
    )
    return dossier, {EVIL_ID: art}


SCRAPED_TEXT = (
    "Zum Inhalt\nStartseite | Politik\n\nBrücke eröffnet\n"
    "LINDENAU (dpa) - Die neue Brücke ist offen. Sie kostete 120 Millionen Euro.\n"
    "Kritiker bemängeln die Bauzeit.\n"
    "Teilen\nKommentare (3)\n"
)


def build_scraped_story() -> Story:
    """A scraped page: removed lines above and below the body, a dateline inside its first line,
    and citations into the body, across the dateline's edge and into a removed line."""

    def span(passage: str) -> tuple[int, int]:
        start = SCRAPED_TEXT.index(passage)
        return start, start + len(passage)

    removed = [
        Removed(*span("Zum Inhalt"), "navigation"),
        Removed(*span("Startseite | Politik"), "navigation"),
        Removed(*span("Brücke eröffnet"), "title"),
        Removed(*span("LINDENAU (dpa) - "), "dateline"),
        Removed(*span("Teilen"), "share"),
        Removed(*span("Kommentare (3)"), "comments"),
    ]
    art = Article(
        id="x",
        text=SCRAPED_TEXT,
        title="Brücke eröffnet",
        outlet="Kurier",
        published="2024-03-12",
        removed=removed,
    )

    def at(passage: str) -> SourceRef:
        return SourceRef("x", *span(passage), passage)

    dossier = Dossier(
        id="s",
        title="Brücke",
        articles=["x"],
        summary=[
            SummarySentence("Die Brücke ist offen.", [at("Die neue Brücke ist offen.")]),
            # Crosses from the dateline into the body, and one points into a folded line.
            SummarySentence("Aus Lindenau.", [at("(dpa) - Die neue")]),
            SummarySentence("Kommentare.", [at("Kommentare (3)")]),
        ],
    )
    return dossier, {"x": art}


@pytest.fixture
def story() -> Story:
    return build_story()


@pytest.fixture
def evil_story() -> Story:
    return build_evil_story()


def build_outlier_story(june_days: int = 12) -> Story:
    """One sentence about 1962, a dozen events on successive days of June 2024."""
    text = "Die Talsperre staut die Merve seit 1962 auf. " + " ".join(
        f"Am {d}. Juni geschah Ereignis {d}." for d in range(1, june_days + 1)
    )
    art = Article(id="x", text=text, title="Talsperre", outlet="Kurier", published="2024-06-20")

    def at(passage: str) -> SourceRef:
        start = text.index(passage)
        return SourceRef("x", start, start + len(passage), passage)

    timeline = [
        TimelineEvent("1962", "Die Talsperre staut die Merve seit 1962 auf.", [at("seit 1962")])
    ]
    timeline += [
        TimelineEvent(f"2024-06-{d:02d}", f"Ereignis {d}", [at(f"Ereignis {d}.")])
        for d in range(1, june_days + 1)
    ]
    dossier = Dossier(id="t", title="Talsperre", articles=["x"], timeline=timeline)
    return dossier, {"x": art}


IndexEntries = list[tuple[Dossier, dict[str, str]]]


def build_index() -> IndexEntries:
    """Five stories for the index page: big and small, old and new, one hostile, one single
    article without a file, one single article with a file, one story whose files are not HTML."""

    def story(
        sid: str, title: str, outlets: list[str], first: str | None, last: str | None
    ) -> Dossier:
        ids = [f"{sid}-{i}" for i in range(len(outlets))]
        return Dossier(
            id=sid,
            title=title,
            articles=ids,
            first_seen=first,
            last_seen=last,
            outlets=dict(zip(ids, outlets, strict=True)),
        )

    return [
        (
            story(
                "s-big",
                "Neue Rheinbrücke in Lindenau eröffnet",
                ["Tageskurier", "Nordblick", "Stadtanzeiger", "Der Beobachter"],
                "2023-09-01",
                "2024-03-13",
            ),
            {"html": "s-big.html", "md": "s-big.md", "json": "s-big.json"},
        ),
        (
            story(
                "s-evil",
                f"Story {PAYLOAD}",
                [f"Outlet {PAYLOAD}", "Zweites Blatt"],
                "2025-01-02",
                "2025-01-03",
            ),
            {"html": 's-evil".html', "json": "s-evil.json"},
        ),
        (
            story(
                "s-md",
                "Wahl in Österreich",
                ["Wiener Blatt", "Grazer Bote", "Linzer Post"],
                "2024-09-29",
                "2024-09-30",
            ),
            {"md": "s-md.md"},
        ),
        (
            story(
                "s-single", "Hochwasser an der Merve", ["Merve-Kurier"], "2025-05-14", "2025-05-14"
            ),
            {},
        ),
        (
            story("s-single-file", "Streik bei der Bahn", ["Ostbrach Anzeiger"], None, None),
            {"html": "s-single-file.html"},
        ),
    ]
