"""The trained NER backend: spans from tags, the merge with the rules, the shipped model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressespiegel.errors import ModelError
from pressespiegel.extract.entities import EntitySpan, RuleNER, get_ner, set_ner
from pressespiegel.extract.ner_model import (
    CRFTagger,
    TrainedNER,
    bio_spans,
    merge,
    model_installed,
    span_tags,
)
from pressespiegel.extract.ner_train import sentence_article
from pressespiegel.model import Token


def _tokens(words: list[str]) -> list[Token]:
    out, pos = [], 0
    for w in words:
        out.append(Token(pos, pos + len(w), w))
        pos += len(w) + 1
    return out


def test_bio_spans_and_span_tags_round_trip() -> None:
    toks = _tokens(["Die", "Firma", "Hollmann", "Werke", "liegt", "in", "Oberstedt", "."])
    tags = ["O", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O"]
    found = bio_spans(toks, tags)
    assert [(s.start, s.end, s.label) for s in found] == [(10, 24, "ORG"), (34, 43, "LOC")]
    assert span_tags(toks, found) == tags


def test_span_tags_ignores_a_span_inside_one_token() -> None:
    toks = _tokens(["Die", "NATO-Staaten", "beraten", "."])
    assert span_tags(toks, [EntitySpan(4, 8, "ORG")]) == ["O"] * 4


def test_bio_spans_start_a_new_entity_at_b() -> None:
    toks = _tokens(["Anna", "Bergmann", "Klaus", "Rohde"])
    found = bio_spans(toks, ["B-PER", "I-PER", "B-PER", "I-PER"])
    assert len(found) == 2


def _s(start: int, end: int, label: str, conf: int = 0, canonical: str | None = None) -> EntitySpan:
    return EntitySpan(start, end, label, canonical, conf)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("model", "rules", "want"),
    [
        # Same extent: the sure rule span (label, canonical) wins.
        ([_s(0, 12, "LOC")], [_s(0, 12, "PER", 4)], [(0, 12, "PER")]),
        # ... but not a rule guess from context alone.
        ([_s(0, 12, "LOC")], [_s(0, 12, "PER", 1)], [(0, 12, "LOC")]),
        # A model span over two sure rule spans is split.
        (
            [_s(0, 15, "LOC")],
            [_s(0, 5, "PER", 2), _s(6, 15, "PER", 2)],
            [(0, 5, "PER"), (6, 15, "PER")],
        ),
        # A structural rule span replaces a shorter model span inside it.
        ([_s(15, 23, "PER")], [_s(0, 23, "LOC", 4)], [(0, 23, "LOC")]),
        ([_s(15, 23, "PER")], [_s(0, 23, "LOC", 3)], [(15, 23, "PER")]),
        # Where the model found nothing: persons from short forms, gazetteer places.
        ([], [_s(0, 5, "PER", 2)], [(0, 5, "PER")]),
        ([], [_s(0, 5, "LOC", 2)], []),
        ([], [_s(0, 5, "ORG", 3)], [(0, 5, "ORG")]),
        # An overlapping rule span that is neither wider nor equal leaves the model's span.
        ([_s(0, 10, "ORG")], [_s(5, 14, "ORG", 5)], [(0, 10, "ORG")]),
    ],
)
def test_merge(
    model: list[EntitySpan], rules: list[EntitySpan], want: list[tuple[int, int, str]]
) -> None:
    assert [(s.start, s.end, s.label) for s in merge(model, rules)] == want


def test_merge_keeps_the_rules_canonical_hint() -> None:
    out = merge([_s(0, 8, "LOC")], [_s(0, 8, "LOC", 3, canonical="Moskau")])
    assert out[0].canonical == "Moskau"


def test_merge_never_returns_overlapping_spans() -> None:
    out = merge([_s(0, 4, "PER"), _s(5, 9, "PER")], [_s(0, 9, "LOC", 5)])
    assert [(s.start, s.end) for s in out] == [(0, 9)]


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="E501"):
        CRFTagger(tmp_path)


needs_model = pytest.mark.skipif(not model_installed(), reason="no NER model in the package")


@needs_model
def test_the_trained_model_is_the_default_backend() -> None:
    set_ner(None)
    try:
        assert isinstance(get_ner(), TrainedNER)
    finally:
        set_ner(None)


def _found(sentence: str) -> list[tuple[str, str]]:
    art = sentence_article(sentence.split())
    return [(art.text[s.start : s.end], s.label) for s in TrainedNER()(art)]


@needs_model
@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # Invented names in ordinary news sentences: no gazetteer knows them.
        (
            "Die Bürgermeisterin Henrike Wallmoden eröffnete am Freitag das Rathaus in "
            "Kleinfeldhausen .",
            {("Henrike Wallmoden", "PER"), ("Kleinfeldhausen", "LOC")},
        ),
        (
            "Die Brockmeyer Logistik GmbH meldete am Montag Insolvenz an .",
            {("Brockmeyer Logistik GmbH", "ORG")},
        ),
        (
            "Der Verdächtige Mirko Sandhövel wurde in Hamburg festgenommen .",
            {("Mirko Sandhövel", "PER"), ("Hamburg", "LOC")},
        ),
    ],
)
def test_model_finds_unseen_names(sentence: str, want: set[tuple[str, str]]) -> None:
    assert want <= set(_found(sentence))


@needs_model
def test_model_tags_no_common_nouns() -> None:
    found = _found("Am Montag stiegen die Preise für Heizöl und Strom erneut deutlich .")
    assert found == []


@needs_model
def test_rules_alone_remain_available() -> None:
    art = sentence_article(["Präsident", "Emmanuel", "Macron", "sprach", "in", "Paris", "."])
    assert ("Emmanuel Macron", "PER") in [
        (art.text[s.start : s.end], s.label) for s in RuleNER()(art)
    ]


@needs_model
def test_overlong_tokens_skip_the_subword_tokenizer() -> None:
    tagger = CRFTagger()
    words = ["x" * 200_000, "Berlin", "https://example.org/" + "a/" * 5000, "."]
    assert len(tagger.tag(words)) == 4
    classes = tagger.features.classes
    assert classes is not None and classes.of(words[0]) == ("np=long",)


@needs_model
def test_model_reads_only_german_sentences() -> None:
    art = sentence_article(["Kanzler", "Olaf", "Scholz", "traf", "Emmanuel", "Macron", "."])
    art.sentences[0].language = "en"  # marked as another language: the model leaves it alone
    assert TrainedNER().model_spans(art) == []
    art.sentences[0].language = "de"
    assert TrainedNER().model_spans(art) != []


def test_one_label_per_name_within_an_article() -> None:
    from pressespiegel.extract.ner_model import consistent

    text = "Gruvenau liegt am Fluss. In Gruvenau regnet es. Gruvenau wartet."
    spans = [_s(0, 8, "LOC"), _s(28, 36, "LOC"), _s(48, 56, "PER")]
    assert [s.label for s in consistent(text, spans)] == ["LOC", "LOC", "LOC"]
    # A sure rule label (a gazetteer, a name's structure) outvotes the model.
    spans = [_s(0, 8, "PER"), _s(28, 36, "PER"), _s(48, 56, "LOC", 3)]
    assert [s.label for s in consistent(text, spans)] == ["LOC", "LOC", "LOC"]


@needs_model
def test_a_rule_person_running_on_does_not_replace_the_models() -> None:
    # "zu" after a name is a preposition here, not the particle of "zu Guttenberg"; the rules
    # read it as the particle, the model does not, and the model's extent is kept.
    sentence = "Das sagte Thomas Brunnhuber zu Reportern am Montag ."
    art = sentence_article(sentence.split())
    ruled = [(art.text[s.start : s.end], s.label) for s in RuleNER()(art)]
    assert ("Thomas Brunnhuber zu Reportern", "PER") in ruled
    assert ("Thomas Brunnhuber", "PER") in _found(sentence)


def test_an_unknown_name_after_a_place_preposition_is_a_sure_place() -> None:
    from pressespiegel.extract.ner_model import SURE

    words = ["Rund", "300", "Menschen", "aus", "Trubenau", "wurden", "evakuiert", "."]
    art = sentence_article(words)
    places = [s for s in RuleNER()(art) if art.text[s.start : s.end] == "Trubenau"]
    assert places and places[0].label == "LOC" and places[0].confidence >= SURE


def _tagged(words: list[str], pos: list[str]) -> list[Token]:
    toks = _tokens(words)
    for t, p in zip(toks, pos, strict=True):
        t.pos = p
    return toks


def test_trim_drops_lower_case_edges_but_keeps_particles() -> None:
    from pressespiegel.extract.ner_model import trim

    toks = _tagged(
        ["Hilfe", "für", "Trubenau", "von", "der", "Leyen"],
        ["NN", "APPR", "NE", "APPR", "ART", "NE"],
    )
    tags = ["O", "B-ORG", "I-ORG", "B-PER", "I-PER", "I-PER"]
    assert trim(toks, tags) == ["O", "O", "B-ORG", "B-PER", "I-PER", "I-PER"]


def test_trim_drops_a_leading_role_from_a_persons_name() -> None:
    from pressespiegel.extract.ner_model import trim

    toks = _tagged(
        ["sagte", "IGX-Chef", "Anton", "Berger", "und", "Bürgermeisterin", "Vogt"],
        ["VV(FIN)", "NN", "NE", "NE", "KON", "NN", "NE"],
    )
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "B-PER", "I-PER"]
    assert trim(toks, tags) == ["O", "O", "B-PER", "I-PER", "O", "O", "B-PER"]
    # an organisation named after a role keeps it; a one-word person is left alone
    assert trim(toks[5:7], ["B-ORG", "I-ORG"]) == ["B-ORG", "I-ORG"]
    assert trim(toks[5:6], ["B-PER"]) == ["B-PER"]


def test_trim_splits_a_person_span_at_a_comma() -> None:
    from pressespiegel.extract.ner_model import trim

    toks = _tagged(
        ["mit", "Horvath", ",", "Gruber", "und", "Frau", "Lenz"],
        ["APPR", "NE", "$,", "NE", "KON", "NN", "NE"],
    )
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "B-PER", "I-PER"]
    assert trim(toks, tags) == ["O", "B-PER", "O", "B-PER", "O", "O", "B-PER"]


def test_trim_runs_a_name_ending_in_a_particle_on_to_the_surname() -> None:
    from pressespiegel.extract.ner_model import trim

    toks = _tagged(
        ["sagte", "Van", "der", "Bellen", "und", "De", "Witt", "Lund"],
        ["VV(FIN)", "NE", "ART", "NE", "KON", "NE", "NE", "NE"],
    )
    assert trim(toks, ["O", "B-PER", "O", "O", "O", "B-PER", "O", "B-PER"]) == [
        "O",
        "B-PER",
        "I-PER",
        "I-PER",
        "O",
        "B-PER",
        "I-PER",
        "B-PER",
    ]
    # the surname tagged as a name of its own is joined, not split again
    assert trim(toks[:4], ["O", "B-PER", "O", "B-PER"]) == ["O", "B-PER", "I-PER", "I-PER"]


def test_trim_drops_a_span_over_a_clause() -> None:
    from pressespiegel.extract.ner_model import trim

    toks = _tagged(
        ["Trubenau", "versorgen", "sie", "mit", "Decken"], ["NE", "VV(FIN)", "PPER", "APPR", "NN"]
    )
    assert trim(toks, ["B-MISC", "I-MISC", "I-MISC", "I-MISC", "I-MISC"]) == ["O"] * 5


@needs_model
@settings(deadline=None)  # the first example loads the subword tokenizer
@given(
    st.lists(
        st.sampled_from(
            [
                "Die",
                "Ministerin",
                "Anna",
                "Berger",
                "reiste",
                "nach",
                "Gruvenau",
                ",",
                "„",
                "NATO-Gipfel",
                "2024",
                "x" * 50,
                "ab",
            ]
        ),
        min_size=0,
        max_size=12,
    ),
    st.data(),
)
def test_folded_scores_are_the_training_features_weights(
    words: list[str], data: st.DataObject
) -> None:
    # The tagger's folded weights must score exactly the features the CRF was trained on:
    # every feature string of a token, plain and domain-prefixed, looked up in the model.
    import numpy as np

    from pressespiegel.extract.ner_features import TARGET_DOMAIN, in_domain
    from pressespiegel.extract.ner_model import default_tagger

    pos = data.draw(
        st.lists(
            st.sampled_from([None, "NN", "NE", "$,"]), min_size=len(words), max_size=len(words)
        )
    )
    hints = data.draw(
        st.lists(st.sampled_from(["O", "B-PER", "I-PER"]), min_size=len(words), max_size=len(words))
    )
    tagger = default_tagger()
    chain, fs = tagger.scorer, tagger.features
    for domain in (TARGET_DOMAIN, "smartdata"):
        want = np.zeros((len(words), len(chain.labels)))
        for i, feats in enumerate(in_domain(fs.sentence(words, pos, hints), domain)):
            for f in feats:
                if f in chain.attrs:
                    want[i] += chain.weights[chain.attrs[f]]
        got = chain.scores(fs, [(words, pos, hints)], domain)
        assert got.shape == want.shape and np.allclose(got, want)
        assert np.allclose(chain.scores(fs, [(words, pos, hints)], domain), want)  # memo


def test_numpy_viterbi_gives_crfsuites_labels() -> None:
    from pressespiegel.extract.entities import RuleNER
    from pressespiegel.extract.ner_model import default_tagger, span_tags

    texts = [
        "Bundeskanzlerin Petra Lindqvist traf am Montag in Gruvenau den Vorstand der "
        "Nordwerke AG .",
        "„ Wir bleiben “ , sagte Trainer Jan Okafor dem Sender Radio Gruvenau .",
        "Die NATO-Staaten und die Vereinten Nationen berieten in New York über Syrien .",
        "Er .",
        "x",
    ]
    tagger, rules = default_tagger(), RuleNER()
    for text in texts:
        art = sentence_article(text.split())
        toks = art.tokens
        args = ([t.text for t in toks], [t.pos for t in toks], span_tags(toks, rules(art)))
        assert tagger.tag(*args) == tagger.tag_with_crfsuite(*args)
        assert tagger.tag(*args) == tagger.tag(*args)  # again, from the memo
    assert tagger.tag([]) == []


def test_sentences_tagged_together_get_their_own_labels() -> None:
    import numpy as np

    from pressespiegel.extract.entities import RuleNER
    from pressespiegel.extract.ner_model import default_tagger, span_tags

    texts = [
        "Der Stadtrat von Lindenhall wählte am Dienstag Miriam Obst zur Bürgermeisterin .",
        "Obst sagte , die Lindenhaller Stadtwerke GmbH bleibe in kommunaler Hand .",
        "Ja .",
        "Kritik kam von der Opposition im Landtag in Gruvenau und vom Bund der Steuerzahler .",
    ]
    tagger, rules = default_tagger(), RuleNER()
    inputs = []
    for text in texts:
        art = sentence_article(text.split())
        toks = art.tokens
        inputs.append(([t.text for t in toks], [t.pos for t in toks], span_tags(toks, rules(art))))
    one_by_one = [tagger.tag_with_crfsuite(*args) for args in inputs]
    assert tagger.tag_many(inputs) == one_by_one
    # Neighbour features and bigrams must not reach across the sentences of a batch.
    chain, feats = tagger.scorer, tagger.features
    together = chain.scores(feats, inputs, "news")
    alone = np.concatenate([chain.scores(feats, [args], "news") for args in inputs])
    assert together.shape == alone.shape and np.allclose(together, alone)
    assert tagger.tag_many([*inputs, ([], [], [])]) == [*one_by_one, []]
    assert tagger.tag_many([]) == []


def test_viterbi_of_many_sequences_is_viterbi_of_each() -> None:
    import numpy as np

    from pressespiegel.extract.ner_model import viterbi, viterbi_many

    rng = np.random.default_rng(5)
    lengths = [3, 1, 0, 7, 2, 7, 5]
    scores, trans = rng.normal(size=(sum(lengths), 4)), rng.normal(size=(4, 4))
    starts = np.cumsum([0, *lengths[:-1]])
    expected = [
        viterbi(scores[s : s + n], trans) if n else [] for s, n in zip(starts, lengths, strict=True)
    ]
    assert viterbi_many(scores, lengths, trans) == expected


def test_viterbi_finds_the_best_path() -> None:
    import itertools

    import numpy as np

    from pressespiegel.extract.ner_model import viterbi

    rng = np.random.default_rng(3)
    for n in (1, 2, 5):
        scores, trans = rng.normal(size=(n, 3)), rng.normal(size=(3, 3))

        def total(path: tuple[int, ...], scores: Any = scores, trans: Any = trans) -> float:
            return float(
                sum(scores[i, p] for i, p in enumerate(path))
                + sum(trans[a, b] for a, b in itertools.pairwise(path))
            )

        best = max(itertools.product(range(3), repeat=n), key=total)
        assert tuple(viterbi(scores, trans)) == best


def test_saved_weights_are_used_only_for_their_own_model(tmp_path: Path) -> None:
    from pressespiegel.extract.ner_model import (
        MODEL_FILE,
        WEIGHTS_FILE,
        LinearChain,
        default_tagger,
        model_dir,
    )

    shipped = LinearChain.load(model_dir() / WEIGHTS_FILE, model_dir() / MODEL_FILE)
    assert shipped is not None, "the shipped weights do not belong to the shipped model"
    chain = default_tagger().scorer
    chain.save(tmp_path / "w.npz", model_dir() / MODEL_FILE)
    again = LinearChain.load(tmp_path / "w.npz", model_dir() / MODEL_FILE)
    assert again is not None and again.labels == chain.labels and again.attrs == chain.attrs
    other = tmp_path / "other.crfsuite"
    other.write_bytes(b"not the same model")
    assert LinearChain.load(tmp_path / "w.npz", other) is None
    assert LinearChain.load(tmp_path / "missing.npz", other) is None
