"""Shared by every reader: bytes to text, article ids, bylines, dates, boilerplate spans.

Decides how raw bytes become text (and refuses empty, binary or oversized files); leaves
format-specific parsing to the readers beside it.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache

from .. import errors, settings
from ..data import load
from ..errors import InputError

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MON3 = {m[:3]: i for m, i in _MONTHS.items()}


def article_id(text: str) -> str:
    """The id of an article is a hash of its text: same text, same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def check_bytes(path: str, data: bytes, limit: int | None = None) -> None:
    limit = limit or settings.MAX_FILE_BYTES
    if len(data) > limit:
        raise InputError(path, errors.too_large(len(data), limit))
    if not data.strip():
        raise InputError(path, errors.empty_file())
    if b"\x00" in data[:8192]:
        raise InputError(path, errors.binary_file())


def decode(path: str, data: bytes) -> tuple[str, list[str]]:
    """UTF-8 text of ``data`` (BOM dropped); invalid bytes are replaced, with a warning."""
    check_bytes(path, data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, [f"{path}: not valid UTF-8 (first bad byte at {exc.start}); "
                      f"{bad} byte(s) replaced with U+FFFD"]


def parse_date(text: str | None) -> str | None:
    """ISO date from "February 13, 2026", "13 February 2026", "2026-02-13"; else None."""
    if not text:
        return None
    s = text.strip().lower().replace(",", " ")
    m = re.search(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)", s)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"\b([a-z]{3,9})\.? +(\d{1,2})(?:st|nd|rd|th)? +((?:19|20)\d\d)\b", s)
    if m and m[1][:3] in _MON3:
        return _iso(int(m[3]), _MON3[m[1][:3]], int(m[2]))
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)? +([a-z]{3,9})\.? +((?:19|20)\d\d)\b", s)
    if m and m[2][:3] in _MON3:
        return _iso(int(m[3]), _MON3[m[2][:3]], int(m[1]))
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    if not url:
        return None
    for pat in load("bylines")["url_dates"]:
        m = re.search(pat, url)
        if m:
            d = int(m.groupdict().get("d") or 1)
            return _iso(int(m["y"]), int(m["m"]), d)
    return None


def match_byline(line: str) -> dict | None:
    """Author/outlet/date from a syndication byline, or None."""
    for pat in load("bylines")["patterns"]:
        m = re.match(pat, line.strip())
        if m:
            found = {k: v.strip() for k, v in m.groupdict().items() if v}
            if "date" in found:
                found["date"] = parse_date(found["date"])
            return found
    return None


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in load("boilerplate")["lines"])


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Spans of whole lines that are page furniture (see data/boilerplate.toml)."""
    pats = _boilerplate_patterns()
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and any(p.match(stripped) for p in pats):
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return spans
