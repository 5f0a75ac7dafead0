"""Figures: numbers with the noun they count, with hedges, scales and number words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pressespiegel.extract.figures import figures_stage
from pressespiegel.extract.nouns import nominative_plural
from pressespiegel.extract.numbers import parse_compound_adjective, parse_digits, parse_number_word
from pressespiegel.model import Article


def _figures(
    tag: Callable[..., Article], text: str, **kw: str
) -> list[tuple[str, float, str | None]]:
    art = figures_stage(tag(text, **kw))
    for f in art.figures:
        assert art.text[f.start : f.end] == f.text
    return [(f.text, f.value, f.unit) for f in art.figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Marine schickte 35 Boote und 12 Hubschraubern.",
            [("35 Boote", 35, "Boote"), ("12 Hubschraubern", 12, "Hubschrauber")],
        ),
        ("Dort leben fast 60.000 Menschen.", [("fast 60.000 Menschen", 60000, "Menschen")]),
        ("Das Projekt kostet 3,5 Millionen Euro.", [("3,5 Millionen Euro", 3_500_000, "Euro")]),
        ("Die Firma verlor 7 Mrd. Dollar.", [("7 Mrd. Dollar", 7e9, "Dollar")]),
        ("Der Preis stieg um 8 Prozent.", [("8 Prozent", 8, "Prozent")]),
        ("Der Preis stieg um 8 % im Jahresvergleich.", [("8 %", 8, "Prozent")]),
        ("Sie wartete seit drei Wochen auf Antwort.", [("drei Wochen", 3, "Wochen")]),
        ("Es kamen mehr als zwölf Gäste.", [("mehr als zwölf Gäste", 12, "Gäste")]),
        (
            "Er verschickte bis zu dreiundzwanzig Briefe.",
            [("bis zu dreiundzwanzig Briefe", 23, "Briefe")],
        ),
        ("Die Polizei fand rund ein Dutzend Waffen.", [("rund ein Dutzend Waffen", 12, "Waffen")]),
        ("Nach einem dreitägigen Streik endete der Konflikt.", [("dreitägigen Streik", 3, "Tage")]),
        (
            "Es folgte ein 48-stündiger Waffenstillstand.",
            [("48-stündiger Waffenstillstand", 48, "Stunden")],
        ),
        (
            "Man lieferte eine Million Tonnen Getreide.",
            [("eine Million Tonnen Getreide", 1e6, "Tonnen Getreide")],
        ),
        (
            "Hunderte Demonstranten zogen durch die Stadt.",
            [("Hunderte Demonstranten", 200, "Demonstranten")],
        ),
    ],
)
def test_figures_found(
    tag: Callable[..., Article], text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _figures(tag, text) == [(t, float(v), u) for t, v, u in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Das Treffen fand am 12. März 2021 statt.",  # date
        "Die Wahl im Jahr 2019 änderte alles.",  # year
        "Der Zug fährt um 14:20 Uhr ab.",  # clock time
        "Er wurde 3. im Rennen um den Titel.",  # ordinal
        "Der Sicherheitsrat verabschiedete Resolution 1441 einstimmig.",  # label
        "Die G7 tagten in Italien.",  # name
        "Die Gespräche begannen am Dienstag (14) in der Hauptstadt.",  # day hint
        "Der Vertrag stammt aus den Jahren 1990-1994.",  # year range
    ],
)
def test_not_figures(tag: Callable[..., Article], text: str) -> None:
    assert _figures(tag, text) == []


def test_english_sentence_uses_english_separators(tag: Callable[..., Article]) -> None:
    found = _figures(tag, "Officials said 45,000 troops were moved.", language="en")
    assert found == [("45,000 troops", 45000.0, "troops")]


@pytest.mark.parametrize(
    ("raw", "english", "value"),
    [
        ("80.000", False, 80000),
        ("2,5", False, 2.5),
        ("1.234,5", False, 1234.5),
        ("80,000", True, 80000),
        ("2.5", True, 2.5),
        ("19.06.2024", False, None),
    ],
)
def test_parse_digits(raw: str, english: bool, value: float | None) -> None:
    assert parse_digits(raw, english=english) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("sieben", 7),
        ("Zwölf", 12),
        ("neunzehn", 19),
        ("einundvierzig", 41),
        ("zweihundert", 200),
        ("dreitausendfünfhundert", 3500),
        ("eineinhalb", 1.5),
        ("Haus", None),
        ("und", None),
    ],
)
def test_parse_number_word(word: str, value: float | None) -> None:
    assert parse_number_word(word) == value


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("vierwöchige", (4, "Wochen")),
        ("10-jährigen", (10, "Jahre")),
        ("dreifach", None),
        ("wichtigen", None),
    ],
)
def test_compound_adjective(word: str, expected: tuple[float, str] | None) -> None:
    assert parse_compound_adjective(word) == expected


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("Schiffen", "Schiffe"),
        ("Jahren", "Jahre"),
        ("Ländern", "Länder"),
        ("Menschen", "Menschen"),
        ("Soldaten", "Soldaten"),
        ("Raketen", "Raketen"),
        ("US-Soldaten", "US-Soldaten"),
        ("Wohnungen", "Wohnungen"),
        ("Toren", "Tore"),
        ("Motoren", "Motoren"),
        ("Euro", "Euro"),
    ],
)
def test_nominative_plural(word: str, plural: str) -> None:
    assert nominative_plural(word) == plural
