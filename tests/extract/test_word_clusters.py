"""Word clusters for the NER: the table's format, its cached reading, its features."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from pressespiegel.extract.ner_features import (
    CLUSTERS_FILE,
    WordClusters,
    load_word_clusters,
    read_cluster_table,
)
from pressespiegel.extract.ner_model import model_dir

ROOT = Path(__file__).resolve().parents[2]


def _table(path: Path, rows: dict[str, str]) -> Path:
    text = "# a comment line\n" + "".join(f"{w}\t{b}\n" for w, b in rows.items())
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


def test_features_are_prefixes_of_the_bit_string() -> None:
    clusters = WordClusters({"Hollmann": "0001011101", "und": "11010"})
    assert clusters.of("Hollmann") == ("b4=0001", "b6=000101", "b10=0001011101", "bf=0001011101")
    assert clusters.of("und") == ("b4=1101", "b6=11010", "b10=11010", "bf=11010")


def test_a_capitalised_word_falls_back_to_its_lower_case_form() -> None:
    clusters = WordClusters({"gestern": "0110"})
    assert clusters.of("Gestern") == clusters.of("gestern")
    assert clusters.of("Oberstedt") == ("bc=none",)
    assert clusters.of("x" * 200) == ("bc=none",)


def test_a_table_is_read_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSESPIEGEL_CACHE_DIR", str(tmp_path / "cache"))
    rows = {"Oberstedt": "0000101", "über": "0101", "Straße": "011"}
    path = _table(tmp_path / CLUSTERS_FILE, rows)
    assert read_cluster_table(path) == rows
    first = load_word_clusters(path)
    assert first is not None and len(list((tmp_path / "cache").iterdir())) == 1
    again = load_word_clusters(path)
    assert again is not None
    for word, bits in rows.items():
        assert first.bits(word) == again.bits(word) == bits
    assert again.bits("Hollmann") is None


def test_a_model_folder_without_a_table_has_no_clusters(tmp_path: Path) -> None:
    assert load_word_clusters(tmp_path / CLUSTERS_FILE) is None


def test_the_build_script_writes_root_first_strings(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_word_clusters as script
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    data = tmp_path / "data"
    data.mkdir()
    # spaCy keeps the root in the lowest bit: 0b110 is the path "011"; 0 is "no cluster"
    (data / "de_lexeme_cluster.json.gz").write_bytes(
        gzip.compress(json.dumps({"der": 6, "selten": 1, "ohne": 0}).encode())
    )
    (data / "de_lexeme_prob.json.gz").write_bytes(
        gzip.compress(json.dumps({"der": -3.0, "selten": -15.0, "ohne": -5.0}).encode())
    )
    out = tmp_path / CLUSTERS_FILE
    assert script.main([str(data), "--out", str(out), "--limit", "5"]) == 0
    assert read_cluster_table(out) == {"der": "011", "selten": "1"}
    assert gzip.decompress(out.read_bytes()).decode().startswith("# Brown clusters")
    assert "MIT License" in gzip.decompress(out.read_bytes()).decode()


def test_the_shipped_table_names_its_source_and_licence() -> None:
    path = model_dir() / CLUSTERS_FILE
    if not path.is_file():
        pytest.skip("no word-cluster table shipped")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        head = [next(f) for _ in range(6)]
    assert any("spacy-lookups-data" in line for line in head)
    assert any("MIT License" in line for line in head)
