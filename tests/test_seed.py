"""End to end on the flagship report in ../shared/seed (skipped when it is absent)."""
from __future__ import annotations

import pytest

from dossier.pipeline import ingest
from dossier.store import open_store, query


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared" / "seed"
    if not seed.is_dir():
        pytest.skip(f"{seed} not found: the seed test needs ../shared/seed beside the repo")
    db = open_store(str(tmp_path_factory.mktemp("seed") / "seed.db"))
    summary = ingest([str(seed)], db)
    assert summary.errors == [] and summary.articles_new == 1
    return db


def test_seed_article_metadata(seed_db):
    (a,) = query.articles(seed_db)
    assert (a["published"], a["outlet"], a["author"]) == ("2026-02-13", "Global Voices",
                                                          "Daria Dergacheva")


def test_seed_kalesnikava_is_one_person(seed_db):
    people = query.people(seed_db, "person")
    kal = [p for p in people if "Kalesnik" in p["name"]]
    assert len(kal) == 1
    assert {"Kalesnikava", "Kalesnikova"} <= set(kal[0]["aliases"])


def test_seed_every_fact_has_checkable_evidence(seed_db):
    (a,) = query.articles(seed_db)
    text = query.article(seed_db, a["id"])["text"]
    for q in query.quotes(seed_db):
        assert text[q["start"]:q["end"]] == q["content"]
        assert q["sentence"] and q["sentence"].strip() in text
    for e in query.events(seed_db):
        assert e["sentence"].strip() in text
    for m in query.mentions(seed_db, a["id"]):
        assert text[m["start"]:m["end"]] == m["text"]


def test_seed_boilerplate_yields_nothing(seed_db):
    names = {p["name"] for p in query.people(seed_db)}
    assert "Suggested Reading" not in names and "Daria Dergacheva" not in names
