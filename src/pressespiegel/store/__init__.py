"""The store: one Database interface; SQLite by default."""

from .sqlite import SCHEMA_VERSION, Database, ErrorRow, StoryRow

__all__ = ["SCHEMA_VERSION", "Database", "ErrorRow", "StoryRow"]
