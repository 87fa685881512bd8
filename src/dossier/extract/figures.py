"""Cited figures: counts of people with what they count.

First version: a CARDINAL entity heading a noun phrase of people ("1,100 people").
"""
from __future__ import annotations

from ..records import Article, Entity, Figure
from .common import evidence, skipped

PEOPLE = {"people", "persons", "prisoners", "detainees", "civilians", "protesters", "victims"}


def _value(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def extract_figures(article: Article, doc, entities: list[Entity]) -> list[Figure]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "CARDINAL" or skipped(article, ent.start_char):
            continue
        head = ent.root.head
        value = _value(ent[-1].text)
        if value is None or head.lower_ not in PEOPLE:
            continue
        out.append(Figure(value=value, text=ent.text, counts=head.text,
                          evidence=evidence(article, doc, ent.start_char, ent.end_char)))
    return out
