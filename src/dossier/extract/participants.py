"""Who an event names: the people behind a noun phrase, a pronoun or a group word.

``people(tok, ...)`` turns the head of a noun phrase into Participants: its conjuncts
("Viktor Babariko and his son Eduard" -> both), appositions ("the journalist, Yury Dud"),
a he/she pronoun (the latest person of that gender named before it), a group word
("All are serving ..." -> every person listed in the sentences just before) or a plain
noun of people ("over 1,100 people", no entity key). Names are the entity's fullest form,
extended over a parenthesised variant the model split off ("Nasta (Anastasia) Lojka").
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..data import load
from ..records import Entity, Participant
from .common import entity_at

_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_FOLLOW = re.compile(r"\s*\([^()\n]{1,40}\)\s*([A-Z][\w'’-]+)")


def _roles() -> dict:
    return load("events")["roles"]


def display_name(article, ent: Entity) -> str:
    """The entity's name, or a mention extended over "(variant) Surname" when one is."""
    best = ent.name
    for m in ent.mentions:
        follow = _FOLLOW.match(article.text, m.end)
        if follow and len(m.text.split()) == 1 and follow[1].lower() not in {"and", "the"}:
            longer = article.text[m.start:follow.end()]
            if len(longer) > len(best):
                best = longer
    return best


def person_at(entities, tok) -> Entity | None:
    """The person (or, for a mislabelled name, any non-place entity) at token ``tok``."""
    ent = entity_at(entities, tok.idx, tok.idx + len(tok))
    if ent is not None and ent.kind == "person":
        return ent
    if tok.pos_ == "PROPN" and len(tok.text) > 3 and (ent is None or ent.kind != "place"):
        # a surname the model tagged oddly here ("Tsikhanouskaya" as a work of art) but as a
        # person elsewhere, maybe spelled another way (Tsikhanovskaya)
        for e in entities:
            if e.kind == "person" and any(_same_surname(tok.text, w)
                                          for n in (e.name, *e.aliases) for w in n.split()):
                return e
    return None


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or a[:4].lower() != b[:4].lower():
        return False
    return fuzz.ratio(a.lower(), b.lower()) >= 85


def _phrase(tok) -> str:
    """The noun phrase headed by ``tok``, without relative clauses or prepositions."""
    keep = [t for t in tok.subtree
            if t.i <= tok.i or t.dep_ in ("compound", "nummod", "amod")]
    left = min(t.i for t in keep)
    return tok.doc[left:tok.i + 1].text


def _clause_has_verb(sent) -> bool:
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in sent)


def group_members(article, doc, entities, tok) -> list[Participant]:
    """Every person named in the sentences just before ``tok``'s sentence.

    Goes back over verbless fragments (a list the parser split) and stops after the
    first sentence with a verb of its own.
    """
    found: list[tuple[int, Entity]] = []
    sent = tok.sent
    for _ in range(3):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        for ent in entities:
            if ent.kind != "person":
                continue
            for m in ent.mentions:
                if sent.start_char <= m.start < sent.end_char:
                    found.append((m.start, ent))
                    break
        if _clause_has_verb(sent):
            break
    out, seen = [], set()
    for _, ent in sorted(found, key=lambda x: x[0]):
        if ent.key not in seen:
            seen.add(ent.key)
            out.append(Participant(ent.key, display_name(article, ent), "subject"))
    # "Nasta (Anastasia) Lojka": the variant in brackets is not another person
    return [p for p in out if not any(q is not p and f"({p.name})" in q.name for q in out)]


def resolve_pronoun(article, entities, tok) -> Entity | None:
    """The latest person named before ``tok`` whose gender fits, within 3 sentences."""
    gender = _PRONOUN_GENDER.get(tok.lower_)
    sent = tok.sent
    floor = sent.start
    for _ in range(2):
        if floor == 0:
            break
        floor = tok.doc[floor - 1].sent.start
    floor_char = tok.doc[floor].idx
    best, best_start = None, -1
    for ent in entities:
        if ent.kind != "person" or (gender and ent.gender and ent.gender != gender):
            continue
        for m in ent.mentions:
            if floor_char <= m.start < tok.idx and m.start > best_start:
                best, best_start = ent, m.start
    return best


def people(article, doc, entities, tok, role: str) -> list[Participant]:
    """Participants named by the noun phrase headed by ``tok`` (with its conjuncts)."""
    lex = _roles()
    out: list[Participant] = []
    seen: set = set()

    def add(p: Participant):
        k = p.key or p.name
        if k not in seen:
            seen.add(k)
            out.append(p)

    nodes = [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]
    for node in nodes:
        low = node.lower_
        if node.pos_ == "PRON" or node.tag_ in ("PRP", "DT"):
            if low in _PRONOUN_GENDER:
                ent = resolve_pronoun(article, entities, node)
                if ent is not None:
                    add(Participant(ent.key, display_name(article, ent), role))
                continue
            if low in lex["group"] and node.dep_ in ("nsubj", "nsubjpass"):
                for p in group_members(article, doc, entities, node):
                    add(Participant(p.key, p.name, role))
            continue
        ent = person_at(entities, node)
        if ent is not None:
            add(Participant(ent.key, display_name(article, ent), role))
            continue
        # "his son Eduard", "the journalist, Yury Dud": the name is an apposition
        # (and "the teacher Olga Petrenko and her brother Dmitri": conjuncts of the name)
        named = False
        for c in node.children:
            if c.dep_ == "appos" and person_at(entities, c) is not None:
                for p in people(article, doc, entities, c, role):
                    add(p)
                    named = True
        if named:
            continue
        if node.lemma_.lower() in lex["people"] or low in lex["people"]:
            add(Participant(None, _phrase(node), role))
    return out


def agent(article, doc, entities, tok) -> list[Participant]:
    """Whoever carries the event out: a named entity, or an authority noun phrase."""
    lex = _roles()
    out = []
    for node in [tok, *tok.conjuncts]:
        ent = entity_at(entities, node.idx, node.idx + len(node))
        if node.pos_ == "PRON":
            if node.lower_ in _PRONOUN_GENDER:
                ent = resolve_pronoun(article, entities, node)
            else:
                continue
        is_authority = node.lemma_.lower() in lex["authority"] or node.lower_ in lex["authority"]
        role = "authority" if is_authority or (ent is not None and ent.kind == "organization") \
            else "agent"
        if ent is not None and ent.kind != "place":
            out.append(Participant(ent.key, ent.name, role))
        elif ent is None and node.pos_ in ("NOUN", "PROPN"):
            out.append(Participant(None, _phrase(node), role))
    return out
