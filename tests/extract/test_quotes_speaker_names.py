"""Speakers named by what they are: a capital or country for a body of its state, a described
speaker in the nominative."""

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


def test_a_described_speaker_is_named_in_the_nominative() -> None:
    assert _speakers("„Das reicht nicht“, heißt es in einer Erklärung des Bürgermeisters.") == [
        "Bürgermeister"
    ]
    assert _speakers("Dem Militär zufolge seien drei Dörfer geräumt worden.") == ["Militär"]
