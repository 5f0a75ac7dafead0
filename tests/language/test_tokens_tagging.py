"""Tokenizer offsets and HanTa tagging (hand-written sentences)."""

from __future__ import annotations

import pytest

from pressespiegel.language.tokens import tag_words, tokenize, tokens_stage
from pressespiegel.model import Article, Sentence


def toks(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong-un traf US-Soldaten.", ["Kim", "Jong-un", "traf", "US-Soldaten", "."]),
        (
            "Rund 45.000 Menschen, 2,5 Prozent.",
            ["Rund", "45.000", "Menschen", ",", "2,5", "Prozent", "."],
        ),
        (
            "Am 19. Juni (19.06.2024) kam er.",
            ["Am", "19.", "Juni", "(", "19.06.2024", ")", "kam", "er", "."],
        ),
        (
            "Dr. Berger kam z. B. mit der G7.",
            ["Dr.", "Berger", "kam", "z.", "B.", "mit", "der", "G7", "."],
        ),
        ("Ein- und Ausfuhr", ["Ein-", "und", "Ausfuhr"]),
        (
            "Der 19-Jährige sagte: „Nein“.",
            ["Der", "19-Jährige", "sagte", ":", "„", "Nein", "“", "."],
        ),
        ("Das kostet 5 Mio.", ["Das", "kostet", "5", "Mio", "."]),
        ("Er kam 2019.", ["Er", "kam", "2019", "."]),
        ("Die U.S.A. und z.B. Kanada", ["Die", "U.S.A.", "und", "z.B.", "Kanada"]),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert toks(text) == expected


def test_tokenize_respects_bounds() -> None:
    text = "XX Der Rat tagt. YY"
    spans = tokenize(text, 3, 16)
    assert [text[s:e] for s, e in spans] == ["Der", "Rat", "tagt", "."]


@pytest.mark.parametrize(
    ("words", "index", "pos", "lemma"),
    [
        (["Putin", "sagte", ",", "er", "komme", "."], 0, "NE", "Putin"),
        (["Putin", "sagte", ",", "er", "komme", "."], 1, "VV(FIN)", "sagen"),
        (["Die", "Soldaten", "kamen", "gestern", "."], 1, "NN", "Soldat"),
        (["Er", "sagte", ":", "„", "Wir", "kommen", "“", "."], 3, "$(", "„"),
        (["Er", "kam", "am", "19.", "Juni", "."], 3, "ADJ(A)", "19."),
    ],
)
def test_tag_words(words: list[str], index: int, pos: str, lemma: str) -> None:
    assert tag_words(words)[index] == (lemma, pos)


def test_memo_gives_the_same_tags_twice() -> None:
    words = ["Die", "Landwirtschaftsminister", "berieten", "über", "Düngemittelverordnungen", "."]
    assert tag_words(words) == tag_words(list(words))


def test_stage_tags_only_german_sentences() -> None:
    text = "Der Minister kam. The minister arrived."
    art = Article(id="t", text=text, language="de")
    art.sentences = [Sentence(0, 17, "de"), Sentence(18, len(text), "en")]
    art = tokens_stage(art)
    german = [t for t in art.tokens if t.sentence == 0]
    english = [t for t in art.tokens if t.sentence == 1]
    assert [t.text for t in german] == ["Der", "Minister", "kam", "."]
    assert german[1].pos == "NN" and german[2].lemma == "kommen"
    assert [t.text for t in english] == ["The", "minister", "arrived", "."]
    assert all(t.pos is None and t.lemma is None for t in english)
    assert all(text[t.start : t.end] == t.text for t in art.tokens)
