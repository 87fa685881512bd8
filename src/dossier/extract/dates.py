"""Date mentions resolved against the article's publication date.

First version: spaCy DATE entities normalised with dateparser relative to the article
date; durations ("11 years", "28-month") are not dates. Returns DateRefs with their
granularity; a date that cannot be placed on the calendar is left out.
"""
from __future__ import annotations

import re
from datetime import datetime

from ..records import Article, DateRef
from .common import skipped

_DURATION = re.compile(r"\b(years?|months?|weeks?|days?|hours?)\b(?! ago)", re.I)
_HAS_DAY = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b|\b(monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday|yesterday|today)\b", re.I)
_HAS_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def normalize(text: str, published: str | None) -> tuple[str, str] | None:
    """(value, granularity) for a date expression, relative to ``published``; else None."""
    import dateparser

    t = text.strip()
    if _DURATION.search(t) and not re.search(r"\b(ago|last|next|this)\b", t, re.I):
        return None
    base = datetime.fromisoformat(published) if published else None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = base
    d = dateparser.parse(re.sub(r"^(on|in|since|by|as of)\s+", "", t, flags=re.I),
                         languages=["en"], settings=settings)
    if d is None:
        return None
    if re.fullmatch(r"(19|20)\d\d", t):
        return f"{d.year:04d}", "year"
    if _HAS_DAY.search(re.sub(r"(19|20)\d\d", "", t)):
        return d.date().isoformat(), "day"
    if _HAS_MONTH.search(t):
        return f"{d.year:04d}-{d.month:02d}", "month"
    return f"{d.year:04d}", "year"


def find_dates(article: Article, doc) -> list[DateRef]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or skipped(article, ent.start_char):
            continue
        got = normalize(ent.text, article.published)
        if got:
            out.append(DateRef(got[0], got[1], ent.text, ent.start_char, ent.end_char))
    return out
