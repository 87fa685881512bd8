"""Direct quotations: quotation marks paired within a paragraph.

Curly and guillemet marks pair as opening/closing; straight marks toggle. An opening mark
left unclosed runs to the end of its paragraph (multi-paragraph quotes reopen on the next
paragraph) and never further, nor past ``max_chars``; a closing mark with nothing open is
ignored. A single mark never delimits (it nests inside double ones, or is an apostrophe); two
single marks ('') are a double one, as some newspapers print it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Article
from .common import skipped
from .quote_layout import Layout


@dataclass(frozen=True)
class Marked:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, or the paragraph end)
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when unclosed
    para: int
    open_w: int = 1  # width of the opening mark ('' is two characters)
    close_w: int = 1

    @property
    def outer_end(self) -> int:
        return self.close_at + self.close_w if self.close_at is not None else self.end


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_marked(article: Article, lay: Layout, lex: dict) -> list[Marked]:
    """Every span in double quotation marks, paired within its paragraph."""
    qm = lex["quote_marks"]
    pairs = dict(zip(qm["open"], qm["close"]))
    straight = set(qm["straight"])
    marks = sorted(set(pairs) | set(pairs.values()) | straight, key=len, reverse=True)
    markup = re.compile(qm["markup"])
    mark_re = re.compile("|".join(re.escape(k) for k in marks))
    text = article.text
    out = []
    for pi, (ps, pe) in enumerate(lay.paragraphs):
        if skipped(article, ps, pe):
            continue
        opened: tuple[int, str] | None = None  # (offset, mark)
        # marks inside markup (<tweet author="...">) quote nothing
        tags = [(m.start(), m.end()) for m in markup.finditer(text, ps, pe)]
        for found in mark_re.finditer(text, ps, pe):
            i, mk = found.start(), found.group()
            if tags and any(ts <= i < te for ts, te in tags):
                continue
            if opened is None:
                if mk in pairs or mk in straight:
                    opened = (i, mk)
                continue  # a closing mark with nothing open: ignore
            at, om = opened
            # something is open: a straight mark closes its twin, a curly one its pair
            if (mk in straight and mk == om) or mk == pairs.get(om):
                s, e = _trim(text, at + len(om), i)
                if e > s:
                    out.append(Marked(s, e, at, i, pi, len(om), len(mk)))
                opened = None
            elif mk in pairs or mk in straight:
                # a second opener while one is open: the first was never closed
                s, e = _trim(text, at + len(om), i)
                if e > s:
                    out.append(Marked(s, e, at, None, pi, len(om)))
                opened = (i, mk)
        if opened is not None:
            at, om = opened
            s, e = _trim(text, at + len(om), min(pe, at + len(om) + qm["max_chars"]))
            if e > s:
                out.append(Marked(s, e, at, None, pi, len(om)))
    return out
