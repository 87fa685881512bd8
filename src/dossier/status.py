"""Prisoner status over time, and timelines, from stored events.

Pure functions over event dicts as ``dossier events --json`` gives them::

    {"id", "type", "participants": [{"id", "name", "role"}],
     "date": {"value", "granularity"} | None, "modality", "detail",
     "article", "start", "end", "sentence", "published"}

``prisoner_board(events)`` says, for each person an event happened to, what their status
is now (imprisoned, detained, disappeared, released, executed, in exile), since when,
their sentence, the events that show it, and every status report found, conflicting ones
included (by date, undated last). Which event types say what is in data/events.toml (``status`` per type); only
events that occurred count (an attempted deportation does not put anyone in exile).

Deciding "current": the latest-dated report wins. An undated report counts as of its
article's publication date, unless the same article dates a report about the same person:
then the undated one is background ("Kalesnikava and Babariko both served their
sentences", in a report that dates their release) and does not decide, though it is kept
among the reports.

``timeline(events, person_id=None)`` lists events in date order (undated last), each
with its source.
"""
from __future__ import annotations

from functools import lru_cache

from .data import load

CUSTODY = {"detained", "imprisoned"}
_UNDATED = "~"  # sorts after every ISO date


@lru_cache(maxsize=1)
def status_of_type() -> dict[str, str]:
    """Event type -> the status it reports ("sentence" -> "imprisoned")."""
    return {t: cfg["status"] for t, cfg in load("events")["types"].items() if "status" in cfg}


def _date(ev: dict) -> str | None:
    d = ev.get("date")
    return d.get("value") if isinstance(d, dict) else None


def _subjects(ev: dict) -> list[dict]:
    return [p for p in ev.get("participants", [])
            if p.get("role") == "subject" and p.get("id") is not None]


def _class(status: str) -> str:
    return "custody" if status in CUSTODY else status


def _reports(events: list[dict]) -> dict:
    """person id -> (name, [report]), one report per status-bearing event that occurred."""
    kinds = status_of_type()
    people: dict = {}
    for ev in events:
        status = kinds.get(ev.get("type"))
        if status is None or ev.get("modality", "occurred") != "occurred":
            continue
        for p in _subjects(ev):
            name, reps = people.setdefault(p["id"], (p.get("name"), []))
            reps.append({"status": status, "date": _date(ev), "article": ev.get("article"),
                         "published": ev.get("published"), "event": ev})
    return people


def _order_key(rep: dict) -> tuple:
    when = rep["date"] or rep["published"] or ""
    return (when, rep["date"] is not None, rep["published"] or "", rep["event"].get("start", 0))


def _report_key(rep: dict) -> tuple:
    """Reports as listed: by date, undated last, then by article date and position."""
    return (rep["date"] or _UNDATED, rep["published"] or "", rep["event"].get("start", 0))


def _deciding(reps: list[dict]) -> list[dict]:
    """The reports that may decide the current status, oldest first."""
    dated_articles = {r["article"] for r in reps if r["date"]}
    cands = [r for r in reps if r["date"] or r["article"] not in dated_articles]
    return sorted(cands, key=_order_key)


def person_status(reps: list[dict]) -> dict:
    """Current status, since when, sentence term and evidence from one person's reports."""
    ordered = _deciding(reps)
    current = ordered[-1]
    run = [current]
    for r in reversed(ordered[:-1]):
        if _class(r["status"]) != _class(current["status"]):
            break
        run.append(r)
    run.reverse()
    dated = [r["date"] for r in run if r["date"]]
    sentences = [r for r in sorted(reps, key=_order_key)
                 if r["event"].get("type") == "sentence" and r["event"].get("detail")]
    return {"status": current["status"], "since": dated[0] if dated else None,
            "sentence": sentences[-1]["event"]["detail"] if sentences else None,
            "evidence": [r["event"] for r in run]}


def prisoner_board(events: list[dict]) -> list[dict]:
    """One row per person with a status, in the ``dossier prisoners --json`` shape."""
    board = []
    for pid, (name, reps) in _reports(events).items():
        st = person_status(reps)
        reports = [{"status": r["status"], "date": r["date"], "article": r["article"],
                    "published": r["published"], "event": r["event"]}
                   for r in sorted(reps, key=_report_key)]
        board.append({"person": {"id": pid, "name": name}, "status": st["status"],
                      "since": st["since"], "sentence": st["sentence"],
                      "evidence": st["evidence"], "reports": reports})
    board.sort(key=lambda row: (str(row["person"]["name"] or ""), str(row["person"]["id"])))
    return board


def timeline(events: list[dict], person_id=None) -> list[dict]:
    """Events in date order (undated last), each with ``source``; only ``person_id``'s if given."""
    chosen = [ev for ev in events if person_id is None
              or any(p.get("id") == person_id for p in ev.get("participants", []))]
    chosen.sort(key=lambda ev: (_date(ev) or _UNDATED, ev.get("published") or "",
                                str(ev.get("article") or ""), ev.get("start", 0)))
    out = []
    for ev in chosen:
        row = dict(ev)
        row["source"] = {"article": ev.get("article"), "published": ev.get("published"),
                         "start": ev.get("start"), "end": ev.get("end"),
                         "sentence": ev.get("sentence")}
        out.append(row)
    return out
