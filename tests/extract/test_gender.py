"""A person's gender from the article, and pronouns that agree with it."""

from __future__ import annotations

import pytest

from pressespiegel import analyze_text
from pressespiegel.extract.gender import given_name_genders, person_genders, role_gender
from pressespiegel.model import Article


def _run(text: str) -> Article:
    return analyze_text(text, language="de", clean=False)


def _gender_of(art: Article, canonical: str) -> str | None:
    genders = person_genders(art)
    return next(
        (genders.get(eid) for eid, e in art.entity_index.items() if e.canonical == canonical), None
    )


def test_given_names_carry_a_gender_and_shared_names_none() -> None:
    names = given_name_genders()
    assert names["Ursula"] == "f"
    assert names["Wolfgang"] == "m"
    assert "Chris" not in names  # given to both


@pytest.mark.parametrize(
    ("word", "gender"),
    [
        ("Ministerin", "f"),
        ("Außenministerinnen", "f"),
        ("Kanzlerin", "f"),
        ("Minister", "m"),
        ("Bundeskanzler", "m"),
        ("Königin", "f"),
        ("Haus", None),
    ],
)
def test_role_gender(word: str, gender: str | None) -> None:
    assert role_gender(word) == gender


def test_role_noun_outweighs_an_unknown_given_name() -> None:
    art = _run("Die Bürgermeisterin Jorunn Vestergaard eröffnete am Montag die Brücke.")
    assert _gender_of(art, "Jorunn Vestergaard") == "f"


def test_form_of_address_gives_the_gender() -> None:
    art = _run("Am Montag sprach Herr Okonkwo mit den Anwohnern.")
    assert _gender_of(art, "Okonkwo") == "m"


def test_no_evidence_no_gender() -> None:
    art = _run("Am Montag sprach Jorunn Vestergaard mit den Anwohnern.")
    assert _gender_of(art, "Jorunn Vestergaard") is None


def test_sie_skips_the_man_named_last() -> None:
    art = _run(
        "Anna Berger traf am Montag Paul Krämer in Bonn. "
        "„Wir brauchen mehr Geld für die Pflege“, sagte sie."
    )
    assert [q.speaker for q in art.quotes if q.kind != "scare"] == ["Anna Berger"]


def test_er_skips_the_woman_named_last() -> None:
    art = _run("Paul Krämer traf am Montag Anna Berger in Bonn. „Das reicht nicht“, sagte er.")
    assert [q.speaker for q in art.quotes if q.kind != "scare"] == ["Paul Krämer"]


def test_pronoun_without_an_agreeing_antecedent_stays_unnamed() -> None:
    art = _run("Paul Krämer traf am Montag die Anwohner in Bonn. „Das reicht nicht“, sagte sie.")
    quotes = [q for q in art.quotes if q.kind != "scare"]
    assert len(quotes) == 1
    assert quotes[0].speaker is None
    assert quotes[0].speaker_span is not None  # the pronoun is kept as the speaker's span
