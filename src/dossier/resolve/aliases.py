"""User registries of names: which names belong to one person, read from a file.

A pure reader for ``dossier alias import``: it parses and checks, the store applies.
Three formats, chosen by extension:

- ``.csv`` with a header holding ``name`` and ``id``: rows sharing an id are one person;
- ``.json`` in Wikidata's entity shape (``Special:EntityData/Q….json``):
  ``{"entities": {"Q1": {"labels": {"en": {"value": …}}, "aliases": {"be": [{"value": …}]}}}}``,
  every label and alias in every language;
- ``.jsonl``: one ``{"id": …, "name" or "label": …, "aliases": [...]}`` per line.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path


class AliasError(ValueError):
    """A registry that cannot be used; the message names the file and, where known, the line."""


def read_registry(path: str | Path, text: str | None = None) -> dict[str, list[str]]:
    """{registry id: [names]} from a CSV, Wikidata JSON or JSONL registry."""
    path = Path(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _wikidata(path, text)
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl(path, text)
    return _csv(path, text)


def _add(groups: dict[str, list[str]], rid: str, name) -> None:
    name = (name or "").strip() if isinstance(name, str) else ""
    if name and name not in groups.setdefault(rid, []):
        groups[rid].append(name)


def _csv(path: Path, text: str) -> dict[str, list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"name", "id"} <= set(reader.fieldnames):
        raise AliasError(f"{path}: the header must have 'name' and 'id' columns "
                         f"(found {reader.fieldnames})")
    groups: dict[str, list[str]] = {}
    for line, row in enumerate(reader, start=2):
        rid = (row.get("id") or "").strip()
        if not rid and (row.get("name") or "").strip():
            raise AliasError(f"{path}, line {line}: a name without an id")
        _add(groups, rid, row.get("name"))
    return groups


def _wikidata(path: Path, text: str) -> dict[str, list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AliasError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
    entities = data.get("entities") if isinstance(data, dict) else None
    if not isinstance(entities, dict):
        raise AliasError(f"{path}: expected Wikidata entity JSON with an 'entities' object")
    groups: dict[str, list[str]] = {}
    for qid, ent in entities.items():
        for label in (ent.get("labels") or {}).values():
            _add(groups, qid, label.get("value"))
        for forms in (ent.get("aliases") or {}).values():
            for form in forms:
                _add(groups, qid, form.get("value"))
    return groups


def _jsonl(path: Path, text: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise AliasError(f"{path}, line {line}: invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not obj.get("id"):
            raise AliasError(f"{path}, line {line}: each line needs an \"id\"")
        rid = str(obj["id"])
        _add(groups, rid, obj.get("name") or obj.get("label"))
        for a in obj.get("aliases") or []:
            _add(groups, rid, a)
    return groups
