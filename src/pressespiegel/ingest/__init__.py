"""Ingest: bytes and records to Articles, with encoding repair and clear refusals."""

from .decode import DEFAULT_MAX_BYTES, decode_bytes, normalize_text
from .sources import InputFailure, Item, read_file, read_jsonl, read_paths, read_stream

__all__ = [
    "DEFAULT_MAX_BYTES",
    "InputFailure",
    "Item",
    "decode_bytes",
    "normalize_text",
    "read_file",
    "read_jsonl",
    "read_paths",
    "read_stream",
]
