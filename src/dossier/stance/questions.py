"""Contested questions: a text and the target terms that say what the question is about.

``add_question`` stores a question with its terms (``--about dialogue talks Lukashenka``);
``terms_for`` expands them for reading: synonym groups from ``data/stance.toml`` and every
name a stored entity named by a term goes by ("Lukashenka" also finds "Lukashenko").
"""
from __future__ import annotations

import re
import sqlite3

from ..errors import DossierError, NotFound
from ..extract.stance import Terms, expand_terms
from ..store import query
from ..store import questions as rows

# words too common to stand for a question's target when no --about terms are given
_STOP = {"should", "the", "a", "an", "be", "with", "to", "of", "on", "in", "for", "and", "or",
         "is", "are", "do", "does", "we", "it", "its", "hold", "have", "any", "eu", "?"}


def add_question(db: sqlite3.Connection, text: str, about: list[str] | None = None) -> dict:
    """Store a question and its target terms; return {id, text, terms}.

    Without ``about`` the question's own content words become its terms. Adding a question
    that exists returns the stored one with the new terms merged in.
    """
    text = " ".join(text.split())
    if not text:
        raise DossierError("a question needs text, e.g. "
                           "`dossier question add \"Should the EU talk to Lukashenka?\" "
                           "--about dialogue Lukashenka`")
    terms = [t.strip() for t in (about or []) if t.strip()]
    if not terms:
        terms = [w for w in re.findall(r"[\w’'-]+", text) if w.lower() not in _STOP]
    qid = rows.save_question(db, text, terms)
    return get_question(db, qid)


def list_questions(db: sqlite3.Connection) -> list[dict]:
    return rows.list_questions(db)


def get_question(db: sqlite3.Connection, ref) -> dict:
    """A question by id, or by its text (exact, else a unique case-insensitive substring)."""
    if isinstance(ref, dict):
        return ref
    s = str(ref).strip()
    if s.isdigit():
        found = rows.question_by_id(db, int(s))
        if found:
            return found
    found = rows.question_by_text(db, s)
    if found:
        return found
    hits = rows.questions_containing(db, s)
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise NotFound(f"question '{s}' matches {len(hits)} questions; give its id "
                       "(`dossier question list`)")
    raise NotFound(f"no question '{s}'; `dossier question list` shows them, "
                   "`dossier question add` adds one")


def terms_for(db: sqlite3.Connection, question: dict) -> Terms:
    """The question's terms expanded: synonyms, and all names of entities a term names."""
    names: list[str] = []
    for t in question["terms"]:
        for eid in query.find_entities(db, t):
            names.extend(query.entity_names(db, eid))
            names.append(query.entity(db, eid)["name"])
    return expand_terms(question["terms"], list(dict.fromkeys(names)))
