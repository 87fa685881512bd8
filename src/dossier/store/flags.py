"""Facts a user marked wrong or confirmed: quotes, events, figures, mentions. Audited.

Each flag is one row of ``fact_flags`` (one per fact: a new flag replaces the old one)
and one row of ``corrections`` (what, by whom, when), written in the same transaction as
``store.corrections`` does. The audit row also keeps where the fact was read (article,
start, end), so a flag can be found again after the record is rebuilt. Re-ingesting an
article that is already stored changes nothing, so flags survive re-ingests. The CLI and
the web app call these same functions.
"""
from __future__ import annotations

import sqlite3

from ..errors import DossierError, NotFound
from .corrections import audit
from .db import now, transaction

# fact kind -> the table that holds it (every one has article_id, start, "end")
FACT_TABLES = {"quote": "quotes", "event": "events", "figure": "figures", "mention": "mentions"}
STATUSES = ("wrong", "confirmed")


def _fact_row(db: sqlite3.Connection, fact: str, fact_id: int) -> sqlite3.Row:
    if fact not in FACT_TABLES:
        raise DossierError(f"unknown fact kind '{fact}'; use one of {', '.join(FACT_TABLES)}")
    row = db.execute(f'SELECT id, article_id, start, "end" FROM {FACT_TABLES[fact]} '
                     "WHERE id = ?", (fact_id,)).fetchone()
    if row is None:
        raise NotFound(f"no {fact} with id {fact_id}")
    return row


def flag(db: sqlite3.Connection, fact: str, fact_id: int, status: str,
         note: str | None = None, by: str | None = None) -> dict:
    """Mark one fact ``wrong`` or ``confirmed`` (replacing any earlier flag on it)."""
    if status not in STATUSES:
        raise DossierError(f"unknown flag '{status}'; use one of {', '.join(STATUSES)}")
    note = (note or "").strip() or None
    with transaction(db):
        row = _fact_row(db, fact, fact_id)
        old = db.execute("SELECT status FROM fact_flags WHERE fact = ? AND fact_id = ?",
                         (fact, fact_id)).fetchone()
        db.execute("INSERT INTO fact_flags (fact, fact_id, status, note, by, at) "
                   "VALUES (?,?,?,?,?,?) ON CONFLICT (fact, fact_id) DO UPDATE SET "
                   "status = excluded.status, note = excluded.note, by = excluded.by, "
                   "at = excluded.at", (fact, fact_id, status, note, by or "unknown", now()))
        audit(db, "flag", {"fact": fact, "id": fact_id, "status": status, "note": note,
                            "old": old[0] if old else None, "article": row["article_id"],
                            "start": row["start"], "end": row["end"]}, by)
    return {"fact": fact, "id": fact_id, "status": status}


def unflag(db: sqlite3.Connection, fact: str, fact_id: int, by: str | None = None) -> dict:
    """Remove a fact's flag (the audit trail keeps that it was there)."""
    with transaction(db):
        row = _fact_row(db, fact, fact_id)
        old = db.execute("SELECT status FROM fact_flags WHERE fact = ? AND fact_id = ?",
                         (fact, fact_id)).fetchone()
        if old is None:
            raise DossierError(f"{fact} {fact_id} has no flag to remove")
        db.execute("DELETE FROM fact_flags WHERE fact = ? AND fact_id = ?", (fact, fact_id))
        audit(db, "unflag", {"fact": fact, "id": fact_id, "old": old[0],
                              "article": row["article_id"], "start": row["start"],
                              "end": row["end"]}, by)
    return {"fact": fact, "id": fact_id, "status": None}


def flags(db: sqlite3.Connection, fact: str | None = None) -> list[dict]:
    """Every current flag, newest first (only one kind of fact when ``fact`` is given)."""
    sql, args = "SELECT * FROM fact_flags", ()
    if fact:
        sql, args = sql + " WHERE fact = ?", (fact,)
    return [dict(r) for r in db.execute(sql + " ORDER BY at DESC, id DESC", args)]


def flag_map(db: sqlite3.Connection) -> dict[tuple[str, int], dict]:
    """{(fact, fact_id): flag} for showing flags beside facts."""
    return {(f["fact"], f["fact_id"]): f for f in flags(db)}


def mention_id(db: sqlite3.Connection, article_id: str, start: int, end: int) -> int:
    """The stored id of the mention at ``article_id[start:end]`` (listings omit it)."""
    row = db.execute('SELECT id FROM mentions WHERE article_id = ? AND start = ? AND "end" = ?',
                     (article_id, start, end)).fetchone()
    if row is None:
        raise NotFound(f"no mention at {article_id}:{start}-{end}")
    return row[0]


def mention_flags(db: sqlite3.Connection, article_id: str) -> dict[tuple[int, int], dict]:
    """{(start, end): flag} for the flagged mentions of one article."""
    rows = db.execute('SELECT f.*, m.start, m."end" FROM fact_flags f JOIN mentions m '
                      "ON m.id = f.fact_id WHERE f.fact = 'mention' AND m.article_id = ?",
                      (article_id,))
    return {(r["start"], r["end"]): dict(r) for r in rows}
