"""The fast tagger: lemma edits, training, storage, and agreement with HanTa."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressespiegel.language.perceptron import (
    PerceptronTagger,
    Tagged,
    apply_edit,
    build_lemmas,
    lemma_edit,
    static_features,
    train_perceptron,
)
from pressespiegel.language.tokens import (
    fast_tag_sentences,
    hanta_tag_words,
    tag_words,
    tagger_model,
    tokens_fast_stage,
    tokens_stage,
)
from pressespiegel.model import Article, Sentence
from pressespiegel.pipeline import stage_names

needs_model = pytest.mark.skipif(
    not tagger_model().is_file(), reason="no shipped tagger model (run train-tagger)"
)


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Soldaten", "Soldat"),
        ("Die", "die"),
        ("sagte", "sagen"),
        ("Häuser", "Haus"),
        ("ging", "gehen"),
        ("Tor", "Tor"),
        ("", "x"),
    ],
)
def test_a_lemma_edit_makes_the_lemma(word: str, lemma: str) -> None:
    assert apply_edit(word, lemma_edit(word, lemma)) == lemma


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
def test_any_lemma_edit_round_trips(word: str, lemma: str) -> None:
    assert apply_edit(word, lemma_edit(word, lemma)) == lemma


def test_suffix_rules_generalise_to_unseen_words() -> None:
    # Invented nouns: the plural "-en" of "-ung" nouns comes off; the rule is learned, not listed.
    tagged: list[Tagged] = [
        (
            ["Zeitungen", "Wohnungen", "Lösungen", "Meldungen"],
            ["NN"] * 4,
            ["Zeitung", "Wohnung", "Lösung", "Meldung"],
        ),
    ]
    table, rules = build_lemmas(tagged)
    assert table["Zeitungen\tNN"] == "Zeitung"
    tagger = PerceptronTagger(
        ["NN"], ["b"], _csr([[0.0]]), _zeros(2, 1), _zeros(4, 1), table, rules
    )
    assert tagger.lemma("Sammlungen", "NN") == "Sammlung"


def test_every_word_gets_the_same_number_of_features() -> None:
    from pressespiegel.language.perceptron import N_FEATURES

    feats = static_features(["Der", "Rat", "tagte", "."], {"der": "ART"})
    assert [len(f) for f in feats] == [N_FEATURES] * 4
    assert "x=ART" in feats[0] and "x=?" in feats[1]


def _csr(rows: list[list[float]]) -> object:
    from scipy import sparse

    return sparse.csr_matrix(rows)


def _zeros(*shape: int) -> object:
    import numpy as np

    return np.zeros(shape, dtype=np.float32)


# A small invented corpus: determiners, nouns, verbs in a fixed order, with one ambiguity the
# context settles ("die" article before a noun, relative pronoun after a comma).
_CORPUS: list[Tagged] = [
    (
        ["Die", "Katze", "schläft", "."],
        ["ART", "NN", "VV(FIN)", "$."],
        ["die", "Katze", "schlafen", "."],
    ),
    (["Der", "Hund", "bellt", "."], ["ART", "NN", "VV(FIN)", "$."], ["der", "Hund", "bellen", "."]),
    (
        ["Das", "Kind", ",", "die", "Katze", "sieht", "."],
        ["ART", "NN", "$,", "PRELS", "NN", "VV(FIN)", "$."],
        ["das", "Kind", ",", "die", "Katze", "sehen", "."],
    ),
    (["Die", "Maus", "läuft", "."], ["ART", "NN", "VV(FIN)", "$."], ["die", "Maus", "laufen", "."]),
] * 5


def test_training_learns_the_corpus_and_the_saved_model_tags_the_same(tmp_path: Path) -> None:
    path = tmp_path / "t.npz"
    trained = train_perceptron(_CORPUS, path, epochs=4, min_count=1, log=lambda _m: None)
    loaded = PerceptronTagger.load(path)
    for words, tags, lemmas in _CORPUS[:4]:
        assert [t for _, t in loaded.tag(words)] == tags
        assert [lem for lem, _ in loaded.tag(words)] == lemmas
        assert loaded.tag(words) == trained.tag(words)
    # An unseen noun in a known frame is tagged from its context and shape.
    assert loaded.tag(["Die", "Ziege", "schläft", "."])[1][1] == "NN"
    assert loaded.tag_many([["Der", "Hund", "bellt", "."], []]) == [
        loaded.tag(["Der", "Hund", "bellt", "."]),
        [],
    ]


@needs_model
@pytest.mark.parametrize(
    ("words", "index", "pos", "lemma"),
    [
        (["Putin", "sagte", ",", "er", "komme", "."], 0, "NE", "Putin"),
        (["Putin", "sagte", ",", "er", "komme", "."], 1, "VV(FIN)", "sagen"),
        (["Die", "Soldaten", "kamen", "gestern", "."], 1, "NN", "Soldat"),
        (["Er", "sagte", ":", "„", "Wir", "kommen", "“", "."], 3, "$(", "„"),
        (["Die", "Ministerin", "berieten", "lange", "."], 2, "VV(FIN)", "beraten"),
    ],
)
def test_fast_tagger_on_clear_cases(words: list[str], index: int, pos: str, lemma: str) -> None:
    assert tag_words(words, tagger="fast")[index] == (lemma, pos)


@needs_model
def test_fast_tagger_mostly_agrees_with_hanta_on_written_news() -> None:
    # Sentences written for this test, in the register of a German news report.
    text = [
        "Der Stadtrat von Gruvenau hat am Dienstagabend den neuen Haushalt beschlossen .",
        "Die Opposition kritisierte , dass die Mittel für Schulen erneut gekürzt würden .",
        "Bürgermeisterin Petra Lindqvist verteidigte die Entscheidung vor Journalisten .",
        "Nach Angaben der Verwaltung fehlen der Stadt rund zwölf Millionen Euro .",
        "Die Feuerwehr rückte in der Nacht zu einem Brand in einer Lagerhalle aus .",
        "Verletzt wurde niemand , der Schaden wird auf mehrere Hunderttausend Euro geschätzt .",
    ]
    sents = [s.split() for s in text]
    fast = fast_tag_sentences(sents)
    hanta = [hanta_tag_words(s) for s in sents]
    pairs = [
        (f, h) for fs, hs in zip(fast, hanta, strict=True) for f, h in zip(fs, hs, strict=True)
    ]
    tag_agreement = sum(f[1] == h[1] for f, h in pairs) / len(pairs)
    assert tag_agreement >= 0.9, [(f, h) for f, h in pairs if f[1] != h[1]]


def test_stage_names_choose_the_tagger() -> None:
    assert "tokens_fast" in stage_names() and "tokens" not in stage_names()
    hanta = stage_names(tagger="hanta")
    assert "tokens" in hanta and "tokens_fast" not in hanta
    assert hanta.index("tokens") == stage_names().index("tokens_fast")


@pytest.mark.parametrize("stage", [tokens_stage, tokens_fast_stage])
def test_both_stages_tag_german_and_leave_other_languages(stage: object) -> None:
    text = "Die Ministerin reiste ab. The minister left."
    art = Article(id="t", text=text, language="de")
    art.sentences = [Sentence(0, 25, "de"), Sentence(26, len(text), "en")]
    art = stage(art)  # type: ignore[operator]
    assert [t.pos for t in art.tokens if t.sentence == 0][1] == "NN"
    assert all(t.pos is None for t in art.tokens if t.sentence == 1)
    assert all(text[t.start : t.end] == t.text for t in art.tokens)


@needs_model
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "Die",
                    "die",
                    "Ministerin",
                    "sagte",
                    ",",
                    "„",
                    "2024",
                    "Gruvenauer",
                    "Elternschreiben",
                    "<s>",
                    "x",
                    ".",
                ]
            ),
            max_size=8,
        ),
        max_size=4,
    )
)
def test_memoised_feature_rows_are_the_training_features(sentences: list[list[str]]) -> None:
    from pressespiegel.language.tokens import _perceptron

    model = _perceptron()
    assert model is not None
    got = model.feature_ids(sentences)
    want = [
        sorted(model.index.get(f, -1) for f in feats)
        for words in sentences
        for feats in static_features(words, model.lexicon)
    ]
    assert [sorted(row) for row in got.tolist()] == want


def test_train_tagger_command_writes_a_model_and_its_card(tmp_path: Path) -> None:
    import json

    from pressespiegel.cli import main

    cache = tmp_path / "hanta.jsonl"
    with cache.open("w", encoding="utf-8") as fh:
        for words, tags, lemmas in _CORPUS:  # as if HanTa had tagged them
            fh.write(json.dumps({"w": words, "t": tags, "l": lemmas}) + "\n")
    out = tmp_path / "model"
    assert (
        main(
            [
                "train-tagger",
                "--data",
                str(tmp_path),
                "--out",
                str(out),
                "--cache",
                str(cache),
                "--epochs",
                "2",
                "-q",
            ]
        )
        == 0
    )
    card = json.loads((out / "TAGGER.json").read_text(encoding="utf-8"))
    assert card["sentences"] == 18 and card["held_out"]["tokens"] > 0
    tagger = PerceptronTagger.load(out / "tagger_de.npz")
    assert [t for _, t in tagger.tag(["Der", "Hund", "bellt", "."])] == [
        "ART",
        "NN",
        "VV(FIN)",
        "$.",
    ]
    assert main(["train-tagger", "--data", str(tmp_path / "nowhere"), "--out", str(out)]) == 2


def test_hanta_lexicon_is_read_from_the_cache_and_rebuilt_when_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pressespiegel.language import perceptron

    monkeypatch.setenv("PRESSESPIEGEL_CACHE_DIR", str(tmp_path))
    built = perceptron.hanta_lexicon()
    files = list(tmp_path.glob("hanta-lexicon-*.json"))
    assert len(files) == 1 and built["haus"] == perceptron._hanta_lexicon(4.0)["haus"]
    assert perceptron.hanta_lexicon() == built  # now from the file
    files[0].write_bytes(b'{"haus": "NN"')  # cut off mid-write
    assert perceptron.hanta_lexicon() == built
    assert files[0].read_bytes().endswith(b"}")
