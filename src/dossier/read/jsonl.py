"""JSON Lines: one article per line, ``text`` required, other fields optional.

A bad line is an error naming file and line; the other lines go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from .base import decode, parse_date
from .txt import article_from_text

FIELDS = ("title", "url", "published", "outlet", "author")


def read_jsonl(path: str, data: bytes) -> Iterator:
    """Yield an Article or an InputError for each non-blank line."""
    text, warnings = decode(path, data)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) \
                or not obj["text"].strip():
            yield InputError(where, "each line must be an object with a non-empty \"text\"")
            continue
        meta = {k: str(obj[k]) for k in FIELDS if obj.get(k)}
        if "published" in meta:
            meta["published"] = parse_date(meta["published"]) or meta["published"]
        yield article_from_text(obj["text"], path=where, warnings=tuple(warnings), **meta)
