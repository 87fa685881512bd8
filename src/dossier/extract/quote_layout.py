"""Paragraphs and sentence pieces: the units a statement never crosses.

A paragraph is a run of text between newlines. The pieces used here are sentences cut at
newlines (``nlp.load``'s pipeline already ends sentences there; the cut keeps a doc from
any other pipeline from running "She said:\\nIn an interview ..." together). Quote marks
are paired within a paragraph; reported clauses, channels and dates are read within the
cue's piece.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Layout:
    paragraphs: tuple[tuple[int, int], ...]
    pieces: tuple[tuple[int, int], ...]

    def __post_init__(self):
        # start offsets, kept once for bisection (lookups run for every cue and quote)
        object.__setattr__(self, "_para_starts", [s for s, _ in self.paragraphs])
        object.__setattr__(self, "_piece_starts", [s for s, _ in self.pieces])

    @staticmethod
    def _find(starts, spans, pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos <= spans[i][1]:
            return i
        return -1

    def para(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (its end counts), or -1 between them."""
        return self._find(self._para_starts, self.paragraphs, pos)

    def piece(self, pos: int) -> int:
        """Index of the sentence piece holding ``pos``, or -1."""
        return self._find(self._piece_starts, self.pieces, pos)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def layout(text: str, doc) -> Layout:
    paras = []
    for m in _LINE.finditer(text):
        s, e = _strip(text, m.start(), m.end())
        if e > s:
            paras.append((s, e))
    pieces = []
    for sent in doc.sents:
        for m in _LINE.finditer(text, sent.start_char, sent.end_char):
            s, e = _strip(text, m.start(), min(m.end(), sent.end_char))
            if e > s:
                pieces.append((s, e))
    return Layout(tuple(paras), tuple(sorted(set(pieces))))
