"""Evidence for a question: each actor's statements and the sentences describing their position.

Reads stored articles (the store never parses, so the parsing happens here), runs
``extract.stance.statements`` on each, and ties every statement to actors through the
stored mentions: a name holder is the entity whose mention covers it; a pronoun is the
nearest earlier person of matching gender; a statement inside a stored quote without a
holder of its own belongs to the quote's speaker (or, while the quote extractor leaves the
speaker empty, to the subject of the reporting verb next to the quote). A holder the store
does not know is still named, from the text, with id None.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .. import nlp as nlp_mod
from ..extract import stance as rules
from ..extract.stance import Holder, Statement, Terms
from ..store import query

ACTOR_KINDS = ("person", "organization")


@dataclass(frozen=True)
class Item:
    """One statement attributed to one actor."""

    actor: dict  # {"id", "name"}
    statement: Statement
    article: str
    kind: str  # "quote" | "description"
    quote_id: int | None
    via: str

    @property
    def ref(self) -> str:
        """How a user points at this statement when labelling it."""
        if self.quote_id is not None:
            return str(self.quote_id)
        return f"{self.article[:12]}:{self.statement.start}-{self.statement.end}"


class _Article:
    """What the store knows about one article, for tying holders to entities."""

    def __init__(self, db: sqlite3.Connection, art: dict):
        self.id = art["id"]
        self.text = art["text"]
        self.mentions = query.mentions(db, self.id)
        genders = query.entity_genders(db, [m["id"] for m in self.mentions])
        for m in self.mentions:
            m["gender"] = genders.get(m["id"])
        self.quotes = query.quotes(db, article_id=self.id)

    def mention_at(self, start: int, end: int) -> dict | None:
        best = None
        for m in self.mentions:
            if m["start"] < end and start < m["end"]:
                if best is None or (m["end"] - m["start"]) > (best["end"] - best["start"]):
                    best = m
        return best

    def antecedent(self, h: Holder) -> dict | None:
        """The nearest earlier person mention of matching gender (or unknown gender)."""
        plural = h.text.lower() in ("they", "them", "their")
        for m in reversed(self.mentions):
            if m["end"] > h.start:
                continue
            if plural:
                if m["kind"] == "organization":
                    return m
                continue
            if m["kind"] != "person":
                continue
            if h.gender and m["gender"] and m["gender"] != h.gender:
                continue
            return m
        return None

    def quote_over(self, start: int, end: int) -> dict | None:
        for q in self.quotes:
            if q["start"] < end and start < q["end"]:
                return q
        return None


def _actor(art: _Article, h: Holder, targets: set[str]) -> dict | None:
    m = art.antecedent(h) if h.kind == "pronoun" else art.mention_at(h.start, h.end)
    if m is not None:
        if m["kind"] not in ACTOR_KINDS or m["name"].lower() in targets:
            return None
        return {"id": m["id"], "name": m["name"]}
    if h.kind == "pronoun":
        return None
    name = h.text.strip()
    if not name or name.lower() in targets:
        return None
    return {"id": None, "name": name}


def candidate_articles(db: sqlite3.Connection, terms: Terms) -> list[dict]:
    """Stored articles that may speak to the question: an FTS prefix match on any topic
    word's stem (or target name), so only those are parsed."""
    probes = {w[0][:5] for w in terms.topic} or {n[0] for n in terms.names}
    probes = {p for p in probes if p.replace("-", "").isalnum()}
    if not probes:
        return []
    match = " OR ".join(f'"{p}"*' for p in sorted(probes))
    ids = query.article_ids_matching(db, match)
    return [query.article(db, i) for i in ids]


def _quote_speakers(doc, art: _Article, lex) -> dict[int, tuple[dict | None, str]]:
    """Speaker of each stored quote: the stored one, else the reporting verb beside it."""
    out: dict[int, tuple[dict | None, str]] = {}
    segs = rules.segments(doc)
    for q in art.quotes:
        if q["speaker"]:
            out[q["id"]] = (q["speaker"], "speaker of the quote")
            continue
        near = [s for s in segs if s.start_char < q["end"] + 2 and q["start"] - 2 < s.end_char]
        for seg in near:
            holders, verb = rules.reporter_of(seg, lex, outside=(q["start"], q["end"]))
            if holders:
                out[q["id"]] = (holders, f"speaker of the quote ('{verb.text}')")
                break
    return out


def collect(db: sqlite3.Connection, terms: Terms, model: str | None = None) -> list[Item]:
    """Every statement on the question in stored articles, each tied to its actors."""
    lex = rules.lexicon()
    targets = {" ".join(n) for n in terms.names}
    arts = candidate_articles(db, terms)
    if not arts:
        return []
    nlp = nlp_mod.load(model)
    items: list[Item] = []
    for full in arts:
        doc = nlp(full["text"])  # nlp.load's pipeline breaks sentences at line breaks
        art = _Article(db, full)
        speakers = _quote_speakers(doc, art, lex)
        for st in rules.statements(doc, terms, lex):
            q = art.quote_over(st.start, st.end)
            holders, via = st.holders, ""
            if not holders and q is not None and q["id"] in speakers:
                who, via = speakers[q["id"]]
                if isinstance(who, dict):  # a stored speaker
                    items.append(Item(who, st, art.id, "quote", q["id"], via))
                    continue
                holders = who
            seen = set()
            for h in holders:
                actor = _actor(art, h, targets)
                if actor is None:
                    continue
                key = actor["id"] if actor["id"] is not None else actor["name"].lower()
                if key in seen:
                    continue
                seen.add(key)
                items.append(Item(actor, st, art.id, "quote" if q else "description",
                                  q["id"] if q else None, via or h.via))
    return items
