"""RSS/Atom feeds (feedparser): one article per entry with a summary or content."""
from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser

from ..errors import InputError
from .base import check_bytes, parse_date
from .txt import article_from_text

_TAG = re.compile(r"<[^>]+>")


def read_feed(path: str, data: bytes) -> Iterator:
    check_bytes(path, data)
    feed = feedparser.parse(data)
    if not feed.entries:
        yield InputError(path, "no feed entries found (malformed or empty RSS/Atom)")
        return
    outlet = feed.feed.get("title")
    for i, e in enumerate(feed.entries, 1):
        body = ""
        if e.get("content"):
            body = e.content[0].get("value", "")
        body = body or e.get("summary", "")
        body = _TAG.sub(" ", body).strip()
        if not body:
            yield InputError(f"{path}#{i}", "feed entry has no text")
            continue
        yield article_from_text(body, path=f"{path}#{i}", title=e.get("title"),
                                url=e.get("link"), outlet=outlet, author=e.get("author"),
                                published=parse_date(e.get("published") or e.get("updated")))
