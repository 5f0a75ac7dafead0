"""Date expressions and their resolution against the publication date."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pressespiegel.extract.dates import dates_stage
from pressespiegel.model import Article

# A Thursday, so that weekdays before and after it can be told apart.
PUB = "2023-03-16"


def _dates(
    tag: Callable[..., Article], text: str, pub: str | None = PUB
) -> list[tuple[str, str | None]]:
    art = dates_stage(tag(text, published=pub))
    for d in art.dates:
        assert art.text[d.start : d.end] == d.text
    return [(d.text, d.resolved) for d in art.dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das Gesetz gilt seit dem 01.07.2021 landesweit.", [("01.07.2021", "2021-07-01")]),
        (
            "Der Vertrag wurde am 3. Oktober 1990 unterzeichnet.",
            [("am 3. Oktober 1990", "1990-10-03")],
        ),
        ("Die Krise begann im August 2008 in den USA.", [("im August 2008", "2008-08")]),
        ("Die Firma wurde im Jahr 1998 gegründet.", [("im Jahr 1998", "1998")]),
        ("Er regiert seit 2012 das Land.", [("seit 2012", "2012")]),
        ("Der Bürgerkrieg (1936-1939) prägt das Land.", [("(1936-1939)", "1936/1939")]),
        # relative, past by default: the most recent Monday up to publication
        ("Die Ministerin trat am Montag zurück.", [("am Montag", "2023-03-13")]),
        # same weekday as the publication: that day
        ("Die Gespräche endeten am Donnerstag ohne Ergebnis.", [("am Donnerstag", "2023-03-16")]),
        # future sentence: the coming Saturday
        ("Das Parlament soll am Samstag abstimmen.", [("am Samstag", "2023-03-18")]),
        ("Die Messe öffnete am Freitag (10) ihre Tore.", [("am Freitag (10)", "2023-03-10")]),
        (
            "Die Delegation bleibt vom Montag bis Mittwoch in der Stadt.",
            [("vom Montag bis Mittwoch", "2023-03-13/2023-03-15")],
        ),
        ("Gestern kam es zu Protesten.", [("Gestern", "2023-03-15")]),
        ("Er reiste letzte Woche nach Paris.", [("letzte Woche", "2023-03")]),
        ("Im vergangenen Jahr sank die Zahl.", [("Im vergangenen Jahr", "2022")]),
        ("Die Wahl war im Oktober ein Erfolg.", [("im Oktober", "2022-10")]),
        ("Die Wahl wird im Oktober stattfinden.", [("im Oktober", "2023-10")]),
        ("Die Zahlen kamen Anfang des Monats.", [("Anfang des Monats", "2023-03")]),
        ("Die Lage ist seit Wochen angespannt.", [("seit Wochen", None)]),
        ("Eine Lösung wird demnächst erwartet.", [("demnächst", None)]),
    ],
)
def test_dates_resolved(
    tag: Callable[..., Article], text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _dates(tag, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Ministerin trat am Montag zurück.", [("am Montag", None)]),
        ("Im vergangenen Jahr sank die Zahl.", [("Im vergangenen Jahr", None)]),
        (
            "Der Vertrag wurde am 3. Oktober 1990 unterzeichnet.",
            [("am 3. Oktober 1990", "1990-10-03")],
        ),
    ],
)
def test_without_publication_date_only_absolute_resolve(
    tag: Callable[..., Article], text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _dates(tag, text, pub=None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In der Halle saßen 2000 Menschen.",  # a count, claimed by figures in the pipeline
        "Der Morgen war kalt.",  # the noun, not "tomorrow"
        "Er zahlte 1.950 Euro.",
    ],
)
def test_not_dates(tag: Callable[..., Article], text: str) -> None:
    from pressespiegel.extract.figures import figures_stage

    art = dates_stage(figures_stage(tag(text, published=PUB)))
    assert art.dates == []
