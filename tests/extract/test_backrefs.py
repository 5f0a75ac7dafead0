"""Organisations referred back to by the head noun of their name ("das Ministerium")."""

from __future__ import annotations

from pressespiegel import analyze_text
from pressespiegel.extract.backrefs import BACK_HEADS
from pressespiegel.model import Article


def _run(text: str) -> Article:
    return analyze_text(text, language="de", clean=False)


def _linked(art: Article, phrase: str) -> str | None:
    """The canonical name the mention starting with ``phrase`` got, or None when unlinked."""
    at = art.text.index(phrase)
    return next((m.canonical for m in art.entities if m.start == at), None)


def test_head_noun_refers_back_to_the_compound_name() -> None:
    art = _run(
        "Das norwegische Fischereiministerium legte am Montag neue Quoten vor. "
        "Die Fischer hätten zu lange gewartet, hieß es in einer Mitteilung des "
        "Ministeriums."
    )
    first = _linked(art, "norwegische Fischereiministerium")
    assert first is not None
    assert _linked(art, "Ministeriums.") == first


def test_nationality_adjective_must_agree() -> None:
    art = _run(
        "Das norwegische Fischereiministerium und das schwedische Umweltministerium "
        "stritten am Montag. Eine Sprecherin des schwedischen Ministeriums wies die "
        "Vorwürfe zurück."
    )
    swedish = _linked(art, "schwedische Umweltministerium")
    assert swedish is not None
    assert _linked(art, "schwedischen Ministeriums") == swedish


def test_two_candidates_and_nothing_to_tell_them_apart_stays_unlinked() -> None:
    art = _run(
        "Das norwegische Fischereiministerium und das schwedische Umweltministerium "
        "stritten am Montag. Eine Sprecherin des Ministeriums wies die Vorwürfe zurück."
    )
    assert _linked(art, "Ministeriums wies") is None


def test_indefinite_phrase_is_a_new_one() -> None:
    art = _run("Das Bundesverfassungsgericht hat entschieden. Ein Gericht in Lyon sah es anders.")
    assert _linked(art, "Gericht in Lyon") is None


def test_speaker_named_by_the_head_noun_is_the_organisation() -> None:
    art = _run(
        "Das norwegische Fischereiministerium legte am Montag neue Quoten vor. "
        "„Die Bestände erholen sich langsam“, teilte das Ministerium mit."
    )
    quotes = [q for q in art.quotes if q.kind != "scare"]
    assert quotes
    assert quotes[0].speaker == _linked(art, "norwegische Fischereiministerium")


def test_heads_that_are_common_words_in_another_sense_are_left_out() -> None:
    assert not {"rat", "amt", "botschaft"} & BACK_HEADS
