"""Questions and stance labels in the store: the rows behind `dossier question` and
`dossier stance label`. Reading stances (parsing, rules, learning) is the stance
package's job; this module only reads and writes rows, each write in a transaction.
"""
from __future__ import annotations

import json
import sqlite3

from .corrections import audit, user_name
from .db import now, transaction


def _row(r) -> dict:
    return {"id": r["id"], "text": r["text"], "terms": json.loads(r["terms"])}


def save_question(db: sqlite3.Connection, text: str, terms: list[str]) -> int:
    """Store a question, or merge ``terms`` into the stored one with the same text."""
    with transaction(db):
        row = db.execute("SELECT * FROM questions WHERE text = ?", (text,)).fetchone()
        if row:
            merged = list(dict.fromkeys(json.loads(row["terms"]) + terms))
            db.execute("UPDATE questions SET terms = ? WHERE id = ?",
                       (json.dumps(merged, ensure_ascii=False), row["id"]))
            return row["id"]
        return db.execute("INSERT INTO questions (text, terms, created_at) VALUES (?,?,?)",
                          (text, json.dumps(terms, ensure_ascii=False), now())).lastrowid


def list_questions(db: sqlite3.Connection) -> list[dict]:
    return [_row(r) for r in db.execute("SELECT * FROM questions ORDER BY id")]


def question_by_id(db: sqlite3.Connection, qid: int) -> dict | None:
    r = db.execute("SELECT * FROM questions WHERE id = ?", (qid,)).fetchone()
    return _row(r) if r else None


def question_by_text(db: sqlite3.Connection, text: str) -> dict | None:
    r = db.execute("SELECT * FROM questions WHERE text = ?", (text,)).fetchone()
    return _row(r) if r else None


def questions_containing(db: sqlite3.Connection, text: str) -> list[dict]:
    """Questions whose text contains ``text``, case-insensitively."""
    return [_row(r) for r in db.execute(
        "SELECT * FROM questions WHERE instr(lower(text), lower(?)) > 0 ORDER BY id", (text,))]


def add_stance_label(db: sqlite3.Connection, question_id: int, quote_id: int | None,
                     article_id: str, start: int, end: int, sentence: str, value: str,
                     by: str | None = None) -> dict:
    """Store a user's label on a statement (audited); return the stored label."""
    who = user_name(by)
    with transaction(db):
        lid = db.execute(
            'INSERT INTO stance_labels (question_id, quote_id, article_id, start, "end", '
            "sentence, label, by, at) VALUES (?,?,?,?,?,?,?,?,?)",
            (question_id, quote_id, article_id, start, end, sentence, value, who,
             now())).lastrowid
        audit(db, "stance_label", {"question": question_id, "quote": quote_id,
                                   "article": article_id, "start": start, "end": end,
                                   "label": value}, by)
    return {"id": lid, "question": question_id, "quote_id": quote_id, "article": article_id,
            "start": start, "end": end, "sentence": sentence, "label": value, "by": who}


def stance_labels(db: sqlite3.Connection, question_id: int) -> list[dict]:
    """The labels users gave statements on a question, latest last."""
    return [dict(r) for r in db.execute(
        'SELECT id, question_id, quote_id, article_id, start, "end", sentence, label, by, at '
        "FROM stance_labels WHERE question_id = ? ORDER BY id", (question_id,))]
