"""Readers: files and folders to Articles. One reader per format, chosen by extension.

``read_paths`` yields an Article or an InputError per article, so one bad file never
stops the others.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from .. import errors, settings
from ..errors import InputError
from ..records import Article
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .txt import read_txt
from .warc import read_warc

READERS = {
    ".txt": read_txt, ".text": read_txt, ".md": read_txt,
    ".html": read_html, ".htm": read_html,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".rss": read_feed, ".atom": read_feed, ".xml": read_feed,
    ".warc": read_warc,
}
# a JSONL, feed or WARC file may hold many articles; allow it more room
BULK_LIMIT = 512 * 1024 * 1024


def extension(path: str) -> str:
    name = path.lower()
    if name.endswith(".warc.gz"):
        return ".warc"
    return os.path.splitext(name)[1]


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Every file under the given paths, folders walked recursively in sorted order."""
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(root, f)
        else:
            yield p


def read_file(path: str) -> Iterator[Article | InputError]:
    ext = extension(path)
    reader = READERS.get(ext)
    if reader is None:
        yield InputError(path, errors.unknown_extension(ext))
        return
    try:
        size = os.path.getsize(path)
        limit = BULK_LIMIT if reader in (read_jsonl, read_feed, read_warc) else settings.MAX_FILE_BYTES
        if size > limit:
            yield InputError(path, errors.too_large(size, limit))
            return
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        yield InputError(path, f"cannot read file ({exc.strerror})")
        return
    try:
        out = reader(path, data)
        if isinstance(out, Article):
            yield out
        else:
            yield from out
    except InputError as exc:
        yield exc


def read_paths(paths: Iterable[str]) -> Iterator[Article | InputError]:
    for path in iter_files(paths):
        if not os.path.exists(path):
            yield InputError(path, "no such file or folder")
            continue
        yield from read_file(path)
