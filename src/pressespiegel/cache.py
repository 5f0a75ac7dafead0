"""A per-user cache for data derived from installed packages, so that a process does not rebuild
it at every start (simplemma's dictionaries decoded, the world's city names filtered).

The folder is ``$PRESSESPIEGEL_CACHE_DIR``, else ``$XDG_CACHE_HOME/pressespiegel``, else
``~/.cache/pressespiegel``. Every file is named by what it was derived from (package version and
the deriving code's own format number), written to a temporary name and renamed into place, so
that two processes building the same file at once, or a crash while writing, never leave a
partial file under the final name. Nothing here is needed: a missing, unreadable or unwritable
folder only means the data is derived again in memory, and ``pressespiegel`` says nothing about
it. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

CACHE_ENV = "PRESSESPIEGEL_CACHE_DIR"


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressespiegel"


def _store(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` into a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_bytes(
    name: str, build: Callable[[], bytes], valid: Callable[[bytes], bool] = lambda _: True
) -> bytes:
    """The cached file ``name``'s bytes; built with ``build`` and stored when absent or when
    ``valid`` rejects what is stored. Storage failures are ignored (the built bytes are still
    returned)."""
    path = cache_dir() / name
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None and valid(data):
        return data
    built = build()

    def write(tmp: Path) -> None:
        tmp.write_bytes(built)

    with contextlib.suppress(OSError):
        _store(path, write)
    return built


def cached_file(name: str, write: Callable[[Path], None]) -> Path | None:
    """The path of the cached file ``name``, made with ``write(path)`` when it is not there
    yet; None when the cache cannot hold it."""
    path = cache_dir() / name
    if not path.is_file():
        try:
            _store(path, write)
        except OSError:
            return None
    return path
