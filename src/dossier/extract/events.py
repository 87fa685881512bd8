"""What happened to whom: detentions, sentences, releases and the like.

First version: a trigger verb from data/events.toml with its grammatical object (or
passive subject) as the person it happened to.
"""
from __future__ import annotations

from ..data import load
from ..records import Article, Entity, Event, Participant
from .common import entity_at, evidence, skipped


def extract_events(article: Article, doc, entities: list[Entity]) -> list[Event]:
    triggers = load("events")["triggers"]
    out = []
    for tok in doc:
        etype = triggers.get(tok.lemma_.lower())
        if etype is None or tok.pos_ not in ("VERB", "NOUN") or skipped(article, tok.idx):
            continue
        parts = []
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                for t in [c, *c.conjuncts]:
                    ent = entity_at(entities, t.idx, t.idx + len(t))
                    if ent is not None and ent.kind == "person":
                        parts.append(Participant(ent.key, ent.name, "subject"))
        if not parts:
            continue
        out.append(Event(type=etype, participants=tuple(parts),
                         evidence=evidence(article, doc, tok.idx, tok.idx + len(tok))))
    return out
