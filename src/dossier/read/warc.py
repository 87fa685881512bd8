"""WARC archives (warcio): each HTML response record is read as an HTML page."""
from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from .html import read_html


def read_warc(path: str, data: bytes) -> Iterator:
    try:
        for i, rec in enumerate(ArchiveIterator(io.BytesIO(data)), 1):
            if rec.rec_type != "response":
                continue
            ctype = rec.http_headers.get_header("Content-Type") if rec.http_headers else ""
            if "html" not in (ctype or ""):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{uri or i}"
            try:
                yield read_html(where, rec.content_stream().read())
            except InputError as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        yield InputError(path, f"not a readable WARC archive ({exc})")
