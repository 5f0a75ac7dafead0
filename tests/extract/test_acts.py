"""The speech-act lexicon shared by alignment and contradictions."""

from __future__ import annotations

import pytest

from pressespiegel.extract.acts import speech_acts


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("Moskau bestreitet die Lieferungen.", {"@deny"}),
        ("Die Regierung weist die Darstellung entschieden zurück.", {"@deny"}),
        ("Die Firma hat jede Verantwortung geleugnet.", {"@deny"}),
        ("Anwohner werfen dem Minister Untätigkeit vor.", {"@accuse"}),
        ("Kritiker werfen dem Minister Untätigkeit vor.", {"@accuse", "@criticise"}),
        ("Er wird verdächtigt, Geld veruntreut zu haben.", {"@accuse"}),
        ("Officials accused the company; it denied wrongdoing.", {"@accuse", "@deny"}),
        ("Die Stadt eröffnet am Montag eine neue Bibliothek.", set()),
    ],
)
def test_speech_acts(text: str, acts: set[str]) -> None:
    assert speech_acts(text) == acts
