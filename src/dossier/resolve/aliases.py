"""User-supplied aliases: a CSV of ``name,id`` rows read into (name, id) records.

A pure helper for the store's alias command: it reads and checks, the store applies.
"""
from __future__ import annotations

import csv
from pathlib import Path


class AliasError(ValueError):
    """A row of an alias CSV that cannot be used; the message names file and line."""


def read_alias_csv(path: str | Path) -> list[tuple[str, int]]:
    """(name, entity id) for every row of a ``name,id`` CSV; blank names are skipped."""
    path = Path(path)
    out = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or not {"name", "id"} <= set(reader.fieldnames):
            raise AliasError(f"{path}: the header must have 'name' and 'id' columns "
                             f"(found {reader.fieldnames})")
        for line, row in enumerate(reader, start=2):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            try:
                out.append((name, int((row.get("id") or "").strip())))
            except ValueError:
                raise AliasError(f"{path}, line {line}: id {row.get('id')!r} is not an "
                                 "entity number") from None
    return out
