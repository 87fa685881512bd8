"""Prisoner status and timelines from stored event dicts (no spaCy, no database)."""
from dossier.status import prisoner_board, status_of_type, timeline


def ev(eid, etype, pid, name, date=None, gran="month", article="a1", published="2026-02-13",
       modality="occurred", detail=None, start=0):
    return {"id": eid, "type": etype,
            "participants": [{"id": pid, "name": name, "role": "subject"},
                             {"id": 99, "name": "Police", "role": "authority"}],
            "date": {"value": date, "granularity": gran} if date else None,
            "modality": modality, "detail": detail, "article": article, "start": start,
            "end": start + 5, "sentence": f"sentence {eid}", "published": published}


def test_status_of_type_comes_from_the_lexicon():
    got = status_of_type()
    assert (got["sentence"], got["release"], got["detention"], got["execution"]) == (
        "imprisoned", "released", "detained", "executed")
    assert got["deportation"] == got["exile"] == "in exile"
    assert "hospitalization" not in got


def test_latest_dated_report_decides_and_undated_background_does_not():
    events = [
        ev(1, "detention", 1, "Olga Petrenko", "2021-03", start=10),
        ev(2, "sentence", 1, "Olga Petrenko", "2021-11", detail="six years", start=20),
        ev(3, "release", 1, "Olga Petrenko", "2025-12", start=30),
        # same article, undated, past: "she served her sentence" is background
        ev(4, "imprisonment", 1, "Olga Petrenko", start=40),
    ]
    (row,) = prisoner_board(events)
    assert row["person"] == {"id": 1, "name": "Olga Petrenko"}
    assert (row["status"], row["since"], row["sentence"]) == ("released", "2025-12",
                                                             "six years")
    assert [e["id"] for e in row["evidence"]] == [3]
    assert [(r["status"], r["date"]) for r in row["reports"]] == [
        ("detained", "2021-03"), ("imprisoned", "2021-11"), ("released", "2025-12"),
        ("imprisoned", None)]


def test_custody_since_the_detention():
    events = [ev(1, "detention", 2, "Dmitri Petrenko", "2021-03"),
              ev(2, "sentence", 2, "Dmitri Petrenko", "2022-01-15", "day", detail="death")]
    (row,) = prisoner_board(events)
    assert (row["status"], row["since"], row["sentence"]) == ("imprisoned", "2021-03", "death")
    assert [e["id"] for e in row["evidence"]] == [1, 2]


def test_conflicting_reports_across_articles_are_all_kept():
    events = [ev(1, "release", 3, "Irina Sokolova", "2025-06", article="a1",
                 published="2025-06-10"),
              ev(2, "imprisonment", 3, "Irina Sokolova", article="a2", published="2025-09-01")]
    (row,) = prisoner_board(events)
    # the later article, with no date of its own, speaks as of its publication
    assert row["status"] == "imprisoned"
    assert [(r["status"], r["article"]) for r in row["reports"]] == [
        ("released", "a1"), ("imprisoned", "a2")]


def test_only_events_that_occurred_count():
    events = [ev(1, "imprisonment", 4, "Pavel Maretski", "2021-05"),
              ev(2, "deportation", 4, "Pavel Maretski", "2022-05", modality="attempted"),
              ev(3, "release", 4, "Pavel Maretski", "2024-01", modality="denied"),
              ev(4, "hospitalization", 4, "Pavel Maretski", "2023-01")]
    (row,) = prisoner_board(events)
    assert row["status"] == "imprisoned"
    assert len(row["reports"]) == 1


def test_unkeyed_and_non_subject_participants_have_no_row():
    e = ev(1, "detention", None, "over 1,100 people", "2025-01")
    assert prisoner_board([e]) == []


def test_timeline_orders_by_date_undated_last_with_source():
    events = [ev(1, "release", 1, "Olga Petrenko", start=50),
              ev(2, "sentence", 1, "Olga Petrenko", "2021-11"),
              ev(3, "detention", 2, "Dmitri Petrenko", "2021-03-02", "day"),
              ev(4, "detention", 1, "Olga Petrenko", "2021-03")]
    assert [e["id"] for e in timeline(events)] == [4, 3, 2, 1]
    only = timeline(events, person_id=1)
    assert [e["id"] for e in only] == [4, 2, 1]
    assert only[0]["source"] == {"article": "a1", "published": "2026-02-13", "start": 0,
                                 "end": 5, "sentence": "sentence 4"}
