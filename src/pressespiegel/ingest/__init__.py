"""Ingest: bytes, records, pages, feeds, archives and URLs to Articles, with encoding repair
and clear refusals."""

from .decode import DEFAULT_MAX_BYTES, decode_bytes, decode_markup, normalize_text
from .html import Document, html_to_article
from .items import InputFailure, Item
from .sources import read_file, read_jsonl, read_paths, read_stream

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "InputFailure",
    "Item",
    "decode_bytes",
    "decode_markup",
    "html_to_article",
    "normalize_text",
    "read_file",
    "read_jsonl",
    "read_paths",
    "read_stream",
]
