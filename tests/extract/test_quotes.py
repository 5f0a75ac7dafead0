"""Quotations: mark pairing, speech vs scare quotes, speaker, cue and channel (hand-made German)."""

from __future__ import annotations

import pytest

from pressespiegel.extract.quotes import find_quotes, pair_marks
from pressespiegel.model import Article, Entity, Label, Mention, Quote, Span


def _article(
    text: str, people: dict[str, str] | None = None, labels: dict[str, str] | None = None
) -> Article:
    """An article whose whole text is body; ``people`` maps surface forms to canonical names
    (PER mentions at every occurrence), ``labels`` maps descriptor text to a canonical name."""
    art = Article(id="t", text=text, body=[Span(0, len(text))])
    for surface, canonical in (people or {}).items():
        start = text.find(surface)
        while start >= 0:
            art.entities.append(
                Mention(start, start + len(surface), surface, "PER", canonical, canonical)
            )
            start = text.find(surface, start + 1)
        art.entity_index[canonical] = Entity(canonical, canonical, "PER", [surface])
    for surface, canonical in (labels or {}).items():
        start = text.find(surface)
        art.labels.append(Label(canonical, start, start + len(surface), surface))
        art.entity_index.setdefault(canonical, Entity(canonical, canonical, "PER"))
    art.entities.sort(key=lambda m: m.start)
    return art


def _quotes(text: str, **kw: dict[str, str]) -> list[Quote]:
    return find_quotes(_article(text, **kw))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er sagte: „Wir kommen morgen.“ Dann ging er.", ["Wir kommen morgen."]),
        ('Er sagte: „Wir kommen morgen" und ging.', ["Wir kommen morgen"]),  # „…" mixed
        ("Er sagte: “Wir kommen morgen“ und ging.", ["Wir kommen morgen"]),  # “…“
        ("Sie schrieb: »Das bleibt so« und mehr nicht.", ["Das bleibt so"]),
        ('Sie schrieb: "Das bleibt so" und "das auch".', ["Das bleibt so", "das auch"]),
        ("Die Firma des Gründers’ Sohnes wuchs.", []),  # an apostrophe is no quotation mark
        ("Er sagte: „Wir bleiben hier und kämpfen weiter", ["Wir bleiben hier und kämpfen weiter"]),
    ],
)
def test_pair_marks(text: str, expected: list[str]) -> None:
    got = [text[q.start : q.end] for q in pair_marks(text, 0, len(text)) if q.depth == 0]
    assert got == expected


def test_nested_single_marks_are_scare_quotes_of_the_outer_speaker() -> None:
    text = "„Wir lehnen diese ‚Friedensmission‘ entschieden ab, und zwar ganz“, sagte Weber."
    qs = _quotes(text, people={"Weber": "Karl Weber"})
    outer = next(q for q in qs if q.text.startswith("Wir"))
    inner = next(q for q in qs if q.text == "Friedensmission")
    assert outer.kind == "direct"
    assert inner.kind == "scare"
    assert inner.speaker == outer.speaker == "Karl Weber"


def test_stray_second_closer_extends_the_quotation() -> None:
    # A translation left a bracketed gloss and an extra closing mark inside the quotation.
    text = "„Das Land hat mehrere gebrochen.“ [Verträge] Das muss aufhören“, warnte Weber."
    qs = _quotes(text, people={"Weber": "Karl Weber"})
    assert len(qs) == 1
    assert qs[0].text.endswith("Das muss aufhören")
    assert qs[0].speaker == "Karl Weber"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "„Wir werden den Vertrag bald unterschreiben“, sagte Müller am Abend.",
            "Anna Müller",
            "sagte",
        ),
        ("Müller sagte: „Wir werden den Vertrag bald unterschreiben.“", "Anna Müller", "sagte"),
        ("„Die Lage ist ernst, und wir handeln jetzt“, so Müller.", "Anna Müller", "so"),
        ("Müller äußerte ihre Sorge über die „unklare Lage“ im Land.", "Anna Müller", "äußerte"),
        (
            "Vor der Reise äußerte Müller ihre Freude über die „gute Zusammenarbeit“.",
            "Anna Müller",
            "äußerte",
        ),
        (
            "Die Ministerin kritisierte, was sie „völlig verfehlte Politik“ nannte.",
            "Anna Müller",
            "nannte",
        ),
        ("„Wir halten am Plan fest“, fügte Müller hinzu.", "Anna Müller", "fügte Müller hinzu"),
    ],
)
def test_speaker_and_cue(text: str, speaker: str, cue: str) -> None:
    context = "Anna Müller ist Ministerin. "
    qs = _quotes(context + text, people={"Anna Müller": "Anna Müller", "Müller": "Anna Müller"})
    assert len(qs) == 1
    q = qs[0]
    assert q.kind == "direct"
    assert q.speaker == speaker
    assert q.cue is not None and q.cue.text == cue


def test_pronoun_speaker_is_the_person_named_before() -> None:
    text = (
        "Die Ministerin Anna Müller besuchte am Montag die Stadt. "
        "„Das ist ein guter Tag für uns alle hier“, sagte sie."
    )
    q = _quotes(text, people={"Anna Müller": "Anna Müller"})[0]
    assert q.speaker == "Anna Müller"
    assert q.speaker_span is not None and text[q.speaker_span.start : q.speaker_span.end] == "sie"


def test_apposition_name_is_the_speaker() -> None:
    text = "Der Sprecher des Ministeriums, Karl Weber, erklärte: „Wir prüfen den Fall sehr genau.“"
    q = _quotes(text, people={"Karl Weber": "Karl Weber"})[0]
    assert q.speaker == "Karl Weber"


def test_role_phrase_resolved_through_labels() -> None:
    text = "„Wir halten an dem Plan fest, komme was wolle“, sagte der französische Präsident."
    q = _quotes(text, labels={"französische Präsident": "Jean Dupont"})[0]
    assert q.speaker == "Jean Dupont"


def test_interrupted_quotation_gives_two_quotes_with_one_speaker() -> None:
    text = "„Wir sind bereit“, sagte Weber, „aber nicht um jeden Preis.“"
    qs = _quotes(text, people={"Weber": "Karl Weber"})
    assert [q.text for q in qs] == ["Wir sind bereit", "aber nicht um jeden Preis."]
    assert all(q.kind == "direct" and q.speaker == "Karl Weber" for q in qs)


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("„Wir bleiben bis zum Ende hier“, sagte Weber der dpa.", "dpa"),
        ("„Wir bleiben bis zum Ende hier“, sagte Weber dem Sender Radio Nord.", "Radio Nord"),
        (
            "In einem Artikel für die Zeitung Neue Post schrieb Weber: „Wir bleiben hier.“",
            "Neue Post",
        ),
    ],
)
def test_channel(text: str, channel: str) -> None:
    q = _quotes(text, people={"Weber": "Karl Weber"})[0]
    assert q.speaker == "Karl Weber"
    assert q.channel == channel


@pytest.mark.parametrize(
    "text",
    [
        "Die sogenannte „Reform“ trat am Montag in Kraft.",
        "Der Text erschien zuerst in der Zeitung „Neue Welt“ am Sonntag.",
        "Die Gäste sahen den Film „Der lange Weg nach Hause“ im Kino.",
        "Das „Gipfeltreffen“ dauerte nur zwei Stunden.",
        "Beide Länder wollen ein „Abkommen“ schließen, berichtete die Agentur.",
        "Sie forderte die Partner auf, die „Freundschaft“ der beiden zu beenden.",
    ],
)
def test_scare_quotes(text: str) -> None:
    qs = _quotes(text)
    assert len(qs) == 1
    assert qs[0].kind == "scare"


def test_long_quoted_sentence_after_a_quote_continues_the_speaker() -> None:
    text = (
        "„Wir sind zufrieden mit dem Ergebnis“, sagte Weber. "
        "„Die nächsten Wochen werden aber zeigen, ob es hält.“"
    )
    qs = _quotes(text, people={"Weber": "Karl Weber"})
    assert [q.speaker for q in qs] == ["Karl Weber", "Karl Weber"]
    assert all(q.kind == "direct" for q in qs)


def test_offsets_point_into_the_text() -> None:
    text = "Zeile eins.\n„Wir kommen wieder, ganz sicher“, sagte Weber.\nZeile drei."
    for q in _quotes(text, people={"Weber": "Karl Weber"}):
        assert text[q.start : q.end] == q.text
        assert q.cue is None or text[q.cue.start : q.cue.end] == q.cue.text


def test_only_body_ranges_are_read() -> None:
    text = "„Kopfzeile mit Zitat und vielen Worten darin“\n„Wir kommen wieder“, sagte Weber."
    art = _article(text, people={"Weber": "Karl Weber"})
    art.body = [Span(text.index("\n") + 1, len(text))]
    assert [q.text for q in find_quotes(art)] == ["Wir kommen wieder"]
