"""The store: the :class:`Store` protocol every caller is typed against; SQLite its one
implementation (:class:`Database`), opened by :func:`open_store`."""

from .base import ErrorRow, Store, StoryRow, open_store
from .sqlite import SCHEMA_VERSION, Database

__all__ = ["SCHEMA_VERSION", "Database", "ErrorRow", "Store", "StoryRow", "open_store"]
