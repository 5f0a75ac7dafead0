"""Language identification for articles and sentences (hand-written texts)."""

from __future__ import annotations

import pytest

from pressespiegel.language.langid import detect_language, language_stage, sentence_language
from pressespiegel.model import Article, Span

GERMAN = (
    "Die Stadtverwaltung hat am Montag neue Regeln für den Verkehr in der Innenstadt "
    "vorgestellt. Autos sollen künftig nur noch am Abend in die Fußgängerzone fahren dürfen."
)
ENGLISH = (
    "The city council presented new traffic rules for the old town on Monday. Cars will "
    "only be allowed into the pedestrian zone in the evening."
)
FRENCH = (
    "Le conseil municipal a présenté lundi de nouvelles règles de circulation pour le centre "
    "ville. Les voitures ne pourront entrer dans la zone piétonne que le soir."
)


@pytest.mark.parametrize(("text", "lang"), [(GERMAN, "de"), (ENGLISH, "en"), (FRENCH, "fr")])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "12.06.2024 – 3:1"])
def test_detect_language_nothing_to_tell(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("sentence", "article_lang", "expected"),
    [
        ("We are ready to talk to anyone who wants peace in the region.", "de", "en"),
        ("Wir sind bereit, mit allen zu sprechen, die Frieden wollen.", "en", "de"),
        # too short to tell: keeps the article language
        ("Thank you.", "de", "de"),
        ("Leave a Reply", "de", "de"),
        # names and numbers only
        ("Jan Kowal (Polen) 19,75 Meter, Platz sieben.", "de", "de"),
        # a German sentence with an English title in it stays German
        ("Der Film The Lord of the Rings läuft heute Abend im Fernsehen.", "de", "de"),
        ("Irgendein Satz", None, None),
    ],
)
def test_sentence_language(sentence: str, article_lang: str | None, expected: str | None) -> None:
    assert sentence_language(sentence, article_lang) == expected


def test_stage_detects_from_body_only() -> None:
    text = "Home | News | Login\n" + GERMAN
    art = Article(id="t", text=text, body=[Span(text.index("Die"), len(text))])
    assert language_stage(art).language == "de"


def test_stage_keeps_a_given_language() -> None:
    art = Article(id="t", text=ENGLISH, language="de", body=[Span(0, len(ENGLISH))])
    assert language_stage(art).language == "de"


def test_stage_empty_body_is_none() -> None:
    art = Article(id="t", text=GERMAN, body=[])
    assert language_stage(art).language is None
