"""Printing listings: a readable table for people, JSON for programs. One place for both."""
from __future__ import annotations

import json
import shutil

import click


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if "name" in value or "value" in value:
            return str(value.get("name") or value.get("value") or "")
        return " ".join(f"{k}={_cell(v)}" for k, v in value.items() if v is not None)
    return " ".join(str(value).split())


def table(rows: list[dict], columns: list[tuple[str, str]], max_width: int | None = None) -> str:
    """Rows as an aligned text table. ``columns``: (key, header) pairs; long cells are cut."""
    if not rows:
        return "(none)"
    width = max_width or shutil.get_terminal_size((140, 20)).columns
    cells = [[_cell(r.get(k)) for k, _ in columns] for r in rows]
    heads = [h for _, h in columns]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    # shrink the widest columns until the table fits
    while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 12:
        i = widths.index(max(widths))
        widths[i] -= 1

    def fit(s: str, w: int) -> str:
        return s if len(s) <= w else s[: w - 1] + "…"

    lines = ["  ".join(fit(h, w).ljust(w) for h, w in zip(heads, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for c in cells:
        lines.append("  ".join(fit(s, w).ljust(w) for s, w in zip(c, widths)).rstrip())
    return "\n".join(lines)
