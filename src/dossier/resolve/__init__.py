"""Cross-article identity: which stored entity, if any, each article's entity is.

CONTRACT used by pipeline.py (keep it when improving the matcher):
    index = NameIndex(known: list[KnownEntity])
    index.resolve(entities: list[Entity]) -> list[Identity]   # one per entity, with reason
    index.add(known_entity: KnownEntity)                       # after an article is stored
    resolve(entities, known) -> list[Identity]                 # one-shot convenience

First version: exact match on a normalised full name of the same kind.
"""
from __future__ import annotations

import re
import unicodedata

from ..records import Entity, Identity, KnownEntity


def name_key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", s).strip()


class NameIndex:
    def __init__(self, known: list[KnownEntity] = ()):
        self._by_key: dict[tuple[str, str], set[int]] = {}
        for k in known:
            self.add(k)

    def add(self, known: KnownEntity) -> None:
        for n in {known.name, *known.names}:
            if len(n.split()) >= 2 or known.kind != "person":
                self._by_key.setdefault((known.kind, name_key(n)), set()).add(known.id)

    def resolve(self, entities: list[Entity]) -> list[Identity]:
        out = []
        for ent in entities:
            hits = set()
            for n in (ent.name, *ent.aliases):
                if len(n.split()) >= 2 or ent.kind != "person":
                    hits |= self._by_key.get((ent.kind, name_key(n)), set())
            if len(hits) == 1:
                out.append(Identity(ent.key, hits.pop(), "same name"))
            else:
                out.append(Identity(ent.key, None, "new" if not hits else "ambiguous: several"))
        return out


def resolve(entities: list[Entity], known: list[KnownEntity]) -> list[Identity]:
    return NameIndex(known).resolve(entities)
