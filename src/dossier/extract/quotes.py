"""Who said what: statements in quotation marks, with their speaker and cue.

First version: text between matching quotation marks, attributed to the subject of the
nearest reporting verb in the same sentence, or to the nearest named person before it.
"""
from __future__ import annotations

import re

from ..data import load
from ..records import Article, Entity, Quote, Span
from .common import entity_at, evidence, skipped

_QUOTE = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")


def extract_quotes(article: Article, doc, entities: list[Entity]) -> list[Quote]:
    verbs = set(load("quotes")["verbs"])
    out = []
    for m in _QUOTE.finditer(article.text):
        start, end = m.start(1), m.end(1)
        if skipped(article, start, end):
            continue
        ev = evidence(article, doc, start, end)
        span = doc.char_span(ev.sentence_start, ev.sentence_start + len(ev.sentence),
                             alignment_mode="expand")
        cue, speaker_tok = None, None
        if span is not None:
            for tok in span:
                if tok.lemma_ in verbs and tok.pos_ in ("VERB", "AUX") and not (
                        start <= tok.idx < end):
                    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subj:
                        cue, speaker_tok = tok, subj[0]
                        break
        speaker, mention = None, None
        if speaker_tok is not None:
            s0 = speaker_tok.left_edge.idx
            s1 = speaker_tok.right_edge.idx + len(speaker_tok.right_edge)
            mention = Span(s0, s1, article.text[s0:s1])
            ent = entity_at(entities, s0, s1)
            speaker = ent.key if ent else None
        out.append(Quote(content=m.group(1), start=start, end=end, kind="direct", evidence=ev,
                         cue=cue.text if cue is not None else None, speaker=speaker,
                         speakers=(speaker,) if speaker else (), speaker_mention=mention))
    return out
