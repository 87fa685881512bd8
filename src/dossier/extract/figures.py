"""Cited figures: counts of people (or cases) with what they count and who cites them.

A CARDINAL number heading a counted noun ("over 1,100 people") is a figure. Its
``counts`` is the noun with what the sentence says of it ("people still imprisoned for
peacefully exercising their rights"), its ``qualifier`` the word before the number
("over"), its source the subject of the reporting verb the clause hangs from ("Human
Rights Watch ... notes that ...") or the object of "according to". Word lists are in
data/figures.toml. Numbers that are dates or durations are not NER CARDINALs and are
never read.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load
from ..records import Article, Entity, Figure
from .common import entity_at, evidence, skipped

_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


@lru_cache(maxsize=1)
def _lex() -> dict:
    lx = load("figures")
    return {"counted": {w.lower() for w in lx["counted"]},
            "qualifiers": sorted(lx["qualifiers"], key=len, reverse=True),
            "reporting": set(lx["reporting"]), "multipliers": lx["multipliers"]}


def _value(tokens) -> float | None:
    """The number in the CARDINAL's tokens ("1,100", "2.1 million")."""
    value = None
    for t in tokens:
        if _NUMBER.match(t.text):
            value = float(t.text.replace(",", ""))
        elif value is not None and t.lower_ in _lex()["multipliers"]:
            value *= _lex()["multipliers"][t.lower_]
    return value


def _qualifier(article: Article, start: int) -> tuple[str | None, int]:
    """The qualifier just before ``start`` and where it begins."""
    before = article.text[max(0, start - 25):start]
    low = before.lower()
    for q in _lex()["qualifiers"]:
        if re.search(rf"(?:^|\W){re.escape(q)}\s+$", low):
            qstart = start - len(before) + low.rfind(q)
            return article.text[qstart:qstart + len(q)], qstart
    return None, start


def _counts(doc, head) -> str:
    """The counted noun plus what its clause says of it, minus auxiliaries and places."""
    verb = head.head
    words = [head]
    if head.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        skip = set(t.i for t in head.subtree)
        for t in verb.subtree:
            if t.i in skip or t.dep_ in ("aux", "auxpass", "punct", "mark") or t.i < verb.i \
                    and t.dep_ != "advmod":
                continue
            if t != verb and t.dep_ == "ccomp" or any(a.dep_ == "ccomp" and a.head == verb
                                                      for a in [t, *t.ancestors] if a != verb):
                continue
            words.append(t)
        words.sort(key=lambda t: t.i)
        # a trailing "in Belarus" only says where
        while len(words) > 2 and words[-2].dep_ == "prep" and words[-2].lower_ in ("in", "across") \
                and words[-1].ent_type_ in ("GPE", "LOC"):
            words = words[:-2]
    else:
        words = [t for t in head.subtree if t.i >= head.i and t.dep_ != "punct"
                 and not (t.dep_ == "prep" and t.lower_ in ("in", "across"))]
        words = words[:1]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _name(node) -> str:
    toks = [t for t in node.subtree if t.i <= node.i and t.dep_ in ("compound", "amod", "det",
                                                                     "poss", "case", "nmod")
            or t == node]
    left = min(t.i for t in toks)
    text = node.doc[left:node.i + 1].text
    return re.sub(r"^(the|The)\s+", "", text)


def _source(doc, entities, head):
    """(key, name) of who cites the figure, or (None, None)."""
    reporting = _lex()["reporting"]
    node = head
    for _ in range(6):
        if node.head == node:
            break
        node = node.head
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for p in c.subtree:
                    if p.dep_ == "pobj":
                        ent = entity_at(entities, p.idx, p.idx + len(p))
                        return (ent.key if ent else None), (ent.name if ent else _name(p))
        if node.lemma_.lower() in reporting and node.pos_ == "VERB":
            subj = [c for c in node.children if c.dep_ == "nsubj"]
            if subj:
                s = subj[0]
                ent = entity_at(entities, s.idx, s.idx + len(s))
                if ent is not None and ent.kind != "place":
                    return ent.key, ent.name
                if s.pos_ in ("PROPN", "NOUN"):
                    return None, _name(s)
            break
    return None, None


def extract_figures(article: Article, doc, entities: list[Entity]) -> list[Figure]:
    """Every cited count of a counted noun, in text order."""
    counted = _lex()["counted"]
    out = []
    for ent in doc.ents:
        if ent.label_ != "CARDINAL" or skipped(article, ent.start_char, ent.end_char):
            continue
        head = ent.root.head
        if head.lower_ not in counted and head.lemma_.lower() not in counted:
            continue
        value = _value(ent)
        if value is None:
            continue
        qualifier, qstart = _qualifier(article, ent.start_char)
        if qualifier and article.text[qstart:ent.end_char].lower().startswith(
                ent.text.lower()):
            qualifier, qstart = None, ent.start_char
        # "over 1,100": the NER span may already hold the qualifier
        inner = next((q for q in _lex()["qualifiers"] if ent.text.lower().startswith(q + " ")),
                     None)
        if inner:
            qualifier = ent.text[:len(inner)]
        key, name = _source(doc, entities, head)
        start = min(qstart, ent.start_char)
        out.append(Figure(value=value, text=article.text[start:ent.end_char],
                          counts=_counts(doc, head), qualifier=qualifier, source=key,
                          source_name=name,
                          evidence=evidence(article, doc, start, ent.end_char)))
    return out
