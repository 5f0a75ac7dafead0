"""A capital or a country that speaks stands for the one body of its state that speaks."""

from __future__ import annotations

from pressespiegel import analyze_text
from pressespiegel.extract.quotes.speakers import capital_countries


def _speakers(text: str) -> list[str | None]:
    art = analyze_text(text, language="de", clean=False)
    return [q.speaker for q in art.quotes if q.kind != "scare"]


def test_capitals_map_to_their_countries() -> None:
    capitals = capital_countries()
    assert capitals["Moskau"] == "Russland"
    assert capitals["Oslo"] == "Norwegen"


def test_capital_speaks_for_the_one_body_of_its_state() -> None:
    text = (
        "„Wir lehnen die Quoten ab“, sagte Oslo am Montag. Das norwegische Fischereiministerium "
        "erklärte: „Die Bestände erholen sich nicht schnell genug.“"
    )
    speakers = _speakers(text)
    assert len(speakers) == 2
    assert speakers[0] == speakers[1]
    assert speakers[1] is not None and "Fischereiministerium" in speakers[1]


def test_capital_stays_the_speaker_without_such_a_body() -> None:
    text = "„Wir lehnen die Quoten ab“, sagte Oslo am Montag."
    assert _speakers(text) == ["Oslo"]
