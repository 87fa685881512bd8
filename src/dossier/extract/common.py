"""Small helpers every extractor shares: evidence spans, skip checks, entity lookup."""
from __future__ import annotations

from ..records import Article, Entity, Evidence


def sentence_of(doc, start: int, end: int | None = None):
    """The spaCy sentence containing character ``start``."""
    span = doc.char_span(start, max(start + 1, end or start + 1), alignment_mode="expand")
    if span is None:
        return None
    return span[0].sent


def evidence(article: Article, doc, start: int, end: int) -> Evidence:
    """Evidence for the span [start, end): article id, the span, its whole sentence."""
    sent = sentence_of(doc, start, end)
    if sent is None:
        return Evidence(article.id, start, end, article.text[start:end], start)
    text = article.text
    # a sentence never runs across a paragraph break the fact does not itself cross
    # (spaCy joins "She said:" to the next paragraph when the quote was lost)
    s0 = max(sent.start_char, text.rfind("\n", 0, start) + 1)
    nl = text.find("\n", end)
    s1 = min(sent.end_char, nl if nl != -1 else len(text))
    s0, s1 = min(s0, start), max(s1, end)
    while s1 > end and text[s1 - 1].isspace():
        s1 -= 1
    return Evidence(article.id, start, end, text[s0:s1], s0)


def skipped(article: Article, start: int, end: int | None = None) -> bool:
    """True when [start, end) lies in a boilerplate or header line of the article."""
    end = start + 1 if end is None else end
    return any(s < end and start < e for s, e in article.skip)


def entity_at(entities, start: int, end: int) -> Entity | None:
    """The entity one of whose mentions overlaps [start, end), preferring the longest."""
    best, best_len = None, -1
    for ent in entities:
        for m in ent.mentions:
            if m.start < end and start < m.end and (m.end - m.start) > best_len:
                best, best_len = ent, m.end - m.start
    return best
