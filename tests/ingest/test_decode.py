from __future__ import annotations

import codecs

import pytest

from pressespiegel.errors import InputError
from pressespiegel.ingest import decode_bytes, normalize_text

TEXT = "Die Ministerin sagte: „Wir öffnen die Brücke erst im März.“ – Kosten: 2,5 Mio. €"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-nobom", "utf-16-be-nobom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data, "a.txt") == TEXT


def test_latin1_umlauts() -> None:
    text = "Größere Schäden in Köln und Düsseldorf"
    assert decode_bytes(text.encode("latin-1"), "a.txt") == text


def test_mojibake_is_repaired_and_curly_quotes_are_kept() -> None:
    broken = TEXT.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    fixed = decode_bytes(broken, "a.txt")
    assert fixed == TEXT
    assert "„" in fixed and "“" in fixed


def test_windows_line_ends_become_newlines() -> None:
    assert decode_bytes(b"Zeile eins\r\nZeile zwei\rZeile drei", "a.txt") == (
        "Zeile eins\nZeile zwei\nZeile drei"
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E101"),
        (b"   \n\t  \n", "E101"),
        (b"%PDF-1.7\n%binary", "E102"),
        (b"\x89PNG\r\n\x1a\nIHDR", "E102"),
        (b"PK\x03\x04zipped", "E102"),
        (b"\x1f\x8b\x08\x00gzip", "E102"),
        (b"text\x00with\x00nul" * 3, "E102"),
        (bytes(range(0, 32)) * 50, "E102"),
    ],
    ids=["empty", "whitespace", "pdf", "png", "zip", "gzip", "nul", "controls"],
)
def test_bad_input_is_refused_with_a_clear_message(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "folder/file.txt")
    assert info.value.code == code
    assert "folder/file.txt" in str(info.value)


def test_size_limit_names_the_file_and_the_limit() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"a" * 101, "big.txt", max_bytes=100)
    assert info.value.code == "E103"
    assert "big.txt" in str(info.value) and "100" in str(info.value)


def test_normalize_text_composes_combining_marks() -> None:
    assert normalize_text("Pjo\u0308ngjang", "x") == "Pjöngjang"
