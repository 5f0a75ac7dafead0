"""Sentence splitting: hand-written German (and English) sentences for each rule."""

from __future__ import annotations

import pytest

from pressespiegel.language.sentences import sentences_stage, split_sentences
from pressespiegel.model import Article, Span


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        # ordinals and dates
        "Der Gipfel beginnt am 19. Juni in der Hauptstadt.",
        "Der 3. Oktober ist ein Feiertag in Deutschland.",
        "Am 19.06.2024 unterzeichneten beide Seiten den Vertrag.",
        "Er feierte seinen 80. Geburtstag im 20. Jahrhundert nicht mehr.",
        "Die Sitzung ist für den 4. Mai angesetzt, sagte die Sprecherin.",
        "Seit dem 1. Januar gilt die neue Regel.",
        # abbreviations
        "Viele Länder, z. B. Frankreich und Italien, stimmten zu.",
        "Es kamen u. a. Vertreter aus Polen.",
        "Dr. Anna Berger leitet die Klinik seit drei Jahren.",
        "Die Kosten steigen bzw. sinken je nach Lage.",
        "Das Haus Nr. 12 steht leer.",
        "Der Schaden liegt bei 3 Mio. Euro und mehr.",
        "Der Konzern investiert 2 Mrd. Dollar in neue Werke.",
        "Es kamen ca. 400 Menschen auf den Platz.",
        "Die Kirche St. Marien wird renoviert.",
        "Prof. Klaus Lehmann hält den Vortrag.",
        "Äpfel, Birnen usw. sind teurer geworden.",
        "Der Autor J. Smith schrieb darüber ein Buch.",
        "Der Bericht nennt Löhne, Mieten etc. als Gründe.",
        "Der Papst Benedikt XVI. besuchte die Stadt.",
        # quotes followed by a speech frame or a comma
        "„Wir kommen morgen.“, sagte er.",
        "„Wir kommen morgen.“ sagte er am Telefon.",
        "„Wir bleiben hier“, erklärte die Ministerin.",
        '"Das ist gut.", schrieb der Kanzler.',
        "»Wir warten ab.« meinte sie.",
        # omission in a quotation
        "„Wir haben […] Die Lage im Blick“, sagte sie.",
        # domains and numbers without spaces
        "Mehr steht unter www.beispiel.de im Netz.",
        "Um 10.30 Uhr begann die Sitzung.",
    ],
)
def test_one_sentence(text: str) -> None:
    assert sents(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Der Minister kam am Morgen. Die Gespräche dauerten zwei Stunden.",
            ["Der Minister kam am Morgen.", "Die Gespräche dauerten zwei Stunden."],
        ),
        (
            "Ist das wahr? Niemand weiß es! Dann ging er.",
            ["Ist das wahr?", "Niemand weiß es!", "Dann ging er."],
        ),
        # a quotation that ends a sentence ends after its closing mark
        (
            "„Wir kommen morgen.“ Dann verließ er den Saal.",
            ["„Wir kommen morgen.“", "Dann verließ er den Saal."],
        ),
        (
            "Er sagte: „Wir gehen.“ Die Menge jubelte.",
            ["Er sagte: „Wir gehen.“", "Die Menge jubelte."],
        ),
        # English-style opening mark after a German sentence
        (
            "Sie lobte die Einigung. “Das ist ein guter Tag“, sagte sie.",
            ["Sie lobte die Einigung.", "“Das ist ein guter Tag“, sagte sie."],
        ),
        # a multi-sentence quotation is split inside
        (
            "„Das reicht nicht. Wir brauchen mehr Geld“, sagte der Bürgermeister.",
            ["„Das reicht nicht.", "Wir brauchen mehr Geld“, sagte der Bürgermeister."],
        ),
        # scrape damage: missing space after the full stop
        (
            "Der Gast kam pünktlich an.Die Gespräche dauerten lange.",
            ["Der Gast kam pünktlich an.", "Die Gespräche dauerten lange."],
        ),
        (
            "Das Treffen war kurz.“Danach reiste sie ab“, hieß es.",
            ["Das Treffen war kurz.", "“Danach reiste sie ab“, hieß es."],
        ),
        # a year ends a sentence; ambiguous abbreviations end one before a sentence opener
        (
            "Er lebt dort seit 2015. Die Familie folgte später.",
            ["Er lebt dort seit 2015.", "Die Familie folgte später."],
        ),
        (
            "Verkauft werden Obst, Gemüse usw. Die Preise sind stabil.",
            ["Verkauft werden Obst, Gemüse usw.", "Die Preise sind stabil."],
        ),
        # lost full stop in a machine translation
        (
            "Der Vertrag ist fertig, meldete die Agentur Ria Ein Sprecher bestätigte das.",
            [
                "Der Vertrag ist fertig, meldete die Agentur Ria",
                "Ein Sprecher bestätigte das.",
            ],
        ),
        # line ends are sentence ends; blank lines are dropped
        (
            "Eine Überschrift ohne Punkt\nDer erste Satz folgt.\n\nDer zweite Absatz.",
            ["Eine Überschrift ohne Punkt", "Der erste Satz folgt.", "Der zweite Absatz."],
        ),
        # English text
        (
            "Mr. Smith arrived on Monday. He met the minister.",
            ["Mr. Smith arrived on Monday.", "He met the minister."],
        ),
        # parenthesis closing after the full stop
        (
            "Die Zahl stieg. (Im Vorjahr war sie kleiner.) Nun sinkt sie.",
            ["Die Zahl stieg.", "(Im Vorjahr war sie kleiner.)", "Nun sinkt sie."],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Er las den Roman Die gelbe Tapete im Urlaub.",
        "Das berichtete die Zeitung Die Welt am Sonntag.",
        "Sie riefen Parolen wie Wir bleiben hier vor dem Rathaus.",
    ],
)
def test_lost_stop_rule_leaves_titles_and_quoted_speech(text: str) -> None:
    assert sents(text) == [text]


def test_lost_stop_rule_only_for_german() -> None:
    text = "Der Bericht kam heute Es ist ernst."
    assert len(split_sentences(text, language="de")) == 2
    assert len(split_sentences(text, language="en")) == 1


def test_hard_wrapped_lines_are_joined() -> None:
    text = "Die Regierung hat am Montag\nbeschlossen, die Steuer zu senken.\nDer Rest folgt."
    assert sents(text) == [
        "Die Regierung hat am Montag\nbeschlossen, die Steuer zu senken.",
        "Der Rest folgt.",
    ]


def test_offsets_are_trimmed_and_inside_the_range() -> None:
    text = "VORSPANN  \n   Der erste Satz.   Der zweite Satz.  \nNACHSPANN"
    start = text.index("Der")
    end = text.index("NACHSPANN") - 1
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Der erste Satz.", "Der zweite Satz."]
    assert all(start <= s < e <= end for s, e in spans)


def test_stage_never_crosses_body_ranges_and_cuts_dateline() -> None:
    text = "NAVIGATION\nBERLIN: Der Rat tagte am 2. März. Er beschloss nichts\nWerbung hier\nEnde."
    first = text.index("BERLIN")
    art = Article(id="t", text=text, language="de", dateline="BERLIN")
    art.body = [Span(first, text.index("\nWerbung")), Span(text.index("Ende"), len(text))]
    art = sentences_stage(art)
    got = [text[s.start : s.end] for s in art.sentences]
    assert got == ["Der Rat tagte am 2. März.", "Er beschloss nichts", "Ende."]
    assert all(s.language == "de" for s in art.sentences)


def test_stage_marks_an_english_sentence_in_a_german_article() -> None:
    text = (
        "Die Ministerin sprach am Dienstag vor dem Parlament über den Haushalt. "
        "We will not accept any further delays in this process, she said in English. "
        "Danach wurde die Sitzung unterbrochen."
    )
    art = Article(id="t", text=text, language="de", body=[Span(0, len(text))])
    art = sentences_stage(art)
    assert [s.language for s in art.sentences] == ["de", "en", "de"]
