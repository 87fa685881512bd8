"""The store: SQLite by default. ``open_store(path)`` gives a migrated connection.

``write`` saves extractions, ``query`` reads listings, ``corrections`` applies audited
user edits. Nothing here parses text.
"""
from __future__ import annotations

from .db import connect, transaction  # noqa: F401


def open_store(path: str):
    return connect(path)
