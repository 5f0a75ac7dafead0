"""Training the NER: corpus readers, tag conventions, scoring, and train-ner end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressespiegel.cli import main
from pressespiegel.errors import ModelError
from pressespiegel.extract.ner_features import CLASSES_FILE, word_shape
from pressespiegel.extract.ner_model import CRFTagger, model_dir, model_installed
from pressespiegel.extract.ner_train import (
    CORPORA,
    NAME_CORPORA,
    build_names,
    folds,
    harmonize,
    read_conll,
    read_germeval,
    score,
    spans,
)

# Invented sentences in GermEval's format: idx, token, outer tag, inner tag.
GERMEVAL = """#\thttp://example.org/a\t[2010-01-01]
1\tGestern\tO\tO
2\tbesuchte\tO\tO
3\tKarla\tB-PER\tO
4\tMeinhold\tI-PER\tO
5\tdie\tO\tO
6\tStadtwerke\tB-ORG\tO
7\tWeilerbach\tI-ORG\tB-LOC
8\t.\tO\tO

#\thttp://example.org/b\t[2010-01-02]
1\tDie\tO\tO
2\tdeutschen\tB-LOCderiv\tO
3\tAnleger\tO\tO
4\tlasen\tO\tO
5\tden\tO\tO
6\tRheinboten\tB-OTH\tO
7\tin\tO\tO
8\tMainz\tB-LOC\tO
9\t.\tO\tO

#\thttp://example.org/c\t[2010-01-03]
1\tDie\tO\tO
2\tBergmann-Gruppe\tB-ORGpart\tO
3\twächst\tO\tO
4\tin\tO\tO
5\tKassel\tI-LOC\tO
6\t.\tO\tO
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_read_germeval_maps_outer_tags(tmp_path: Path) -> None:
    sents = read_germeval(_write(tmp_path / "g.tsv", GERMEVAL))
    assert len(sents) == 3
    words, tags = sents[0]
    assert words[2:4] == ["Karla", "Meinhold"] and tags[2:4] == ["B-PER", "I-PER"]
    assert tags[5:7] == ["B-ORG", "I-ORG"]  # the inner LOC is not read
    _, tags = sents[1]
    assert tags[1] == "O"  # LOCderiv is no entity here
    assert tags[5] == "B-MISC" and tags[7] == "B-LOC"  # OTH -> MISC
    _, tags = sents[2]
    assert tags[1] == "O"  # ORGpart is no entity here
    assert tags[4] == "B-LOC"  # a stray I- starts an entity


def test_read_conll_and_harmonize(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "c.tsv",
        "Die\tO\ndänische\tB-LOC\nFähre\tO\nnach\tO\nSylt\tB-LOC\n\nNeu\tB-XYZ\n",
    )
    sents = read_conll(path)
    assert sents[1][1] == ["O"]  # unknown labels are dropped
    words, tags = sents[0]
    assert harmonize(words, tags) == ["O", "O", "O", "O", "B-LOC"]


def test_spans_and_exact_match_scoring() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert spans(gold[0]) == {(0, 2, "PER"), (3, 4, "LOC")}
    # A span cut short is a false positive and a false negative; a wrong label likewise.
    s = score(gold, [["B-PER", "O", "O", "B-ORG"]])
    assert (s["ALL"].tp, s["ALL"].fp, s["ALL"].fn) == (0, 2, 2)
    s = score(gold, [["B-PER", "I-PER", "O", "B-LOC"]])
    assert s["ALL"].f1 == 1.0 and s["PER"].f1 == 1.0


def test_misc_is_scored_apart() -> None:
    s = score([["B-MISC", "O"]], [["B-MISC", "O"]])
    assert s["MISC"].tp == 1 and s["ALL"].tp == 0


def test_folds_partition_in_order() -> None:
    parts = folds(23, 5)
    assert [i for p in parts for i in p] == list(range(23))
    assert all(4 <= len(p) <= 5 for p in parts)


def test_word_shape() -> None:
    assert word_shape("Kim") == "Xx"
    assert word_shape("NATO-Gipfel") == "X-Xx"
    assert word_shape("2024") == "0"
    assert word_shape("G20") == "X0"


def _fake_data(root: Path) -> Path:
    """A data folder laid out like ../shared/data, with a few invented sentences."""
    _write(root / "germeval2014" / "NER-de-dev.tsv", GERMEVAL * 3)
    conll = (
        "Die\tO\nStadtwerke\tB-ORG\nWeilerbach\tI-ORG\nbauen\tO\nin\tO\nMainz\tB-LOC\n"
        ".\tO\n\nKarla\tB-PER\nMeinhold\tI-PER\nlacht\tO\n.\tO\n\n"
        "Mainz\tB-LOC\nund\tO\nKassel\tB-LOC\n.\tO\n"
    )
    for name in NAME_CORPORA:
        for f in CORPORA[name].files:
            _write(root / f, conll)
    return root


def test_build_names(tmp_path: Path) -> None:
    names = build_names(_fake_data(tmp_path))
    assert names["Mainz"] == "LOC" and names["Meinhold"] == "PER"
    assert "bauen" not in names and "Die" not in names


@pytest.mark.skipif(not model_installed(), reason="needs the shipped piece classes")
def test_train_ner_command_end_to_end(tmp_path: Path) -> None:
    data = _fake_data(tmp_path / "data")
    out = tmp_path / "model"
    rc = main(
        [
            "train-ner",
            "--data",
            str(data),
            "--out",
            str(out),
            "--iterations",
            "30",
            "--reuse-classes",
            str(model_dir() / CLASSES_FILE),
            "-q",
        ]
    )
    assert rc == 0
    card = json.loads((out / "MODEL.json").read_text(encoding="utf-8"))
    assert card["sentences"]["germeval2014-dev"] == 9
    assert card["sentences"]["smartdata"] == 6 and card["shippable"]
    assert "CC BY 4.0" in card["licences"]
    tagger = CRFTagger(out)
    words = ["Gestern", "besuchte", "Karla", "Meinhold", "die", "Stadtwerke", "Weilerbach", "."]
    assert tagger.tag(words)[2:4] == ["B-PER", "I-PER"]


def test_train_ner_without_data_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    rc = main(
        [
            "train-ner",
            "--data",
            str(tmp_path / "data"),
            "--out",
            str(tmp_path / "m"),
            "--reuse-classes",
            str(model_dir() / CLASSES_FILE),
        ]
    )
    assert rc == 2
    assert "E502" in capsys.readouterr().err


def test_missing_corpus_raises(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        CORPORA["smartdata"].read(tmp_path)
