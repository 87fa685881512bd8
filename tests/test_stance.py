"""Who stands where (issue 7): polarity and holders on the parse, questions, labels, learning.

Real spaCy (the ``parse``/``nlp`` fixtures) and real SQLite; fixture reports in
tests/fixtures/stance/ are ours. The seed test skips when ../shared/seed is absent.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier import stance as S
from dossier.errors import DossierError, NotFound
from dossier.extract import stance as rules
from dossier.pipeline import ingest
from dossier.stance import learn
from dossier.store import open_store, query

FIX = Path(__file__).parent / "fixtures" / "stance"

DIALOGUE = rules.expand_terms(["dialogue", "Orvath"], ["Orvath"])
DAM = rules.expand_terms(["dam"])
TAX = rules.expand_terms(["tax"])
SANCTIONS = rules.expand_terms(["sanctions"])

# (terms, statement, expected polarity): each line is one rule of the reading
POLARITY = [
    (DIALOGUE, "Dolenc said the government should open talks with Orvath.", "support"),
    (DIALOGUE, "Brez believes it is necessary to engage with Orvath.", "support"),
    (DIALOGUE, "Former minister Anton Brez called for direct negotiations with Orvath.",
     "support"),
    (DIALOGUE, "Ivo Marek said there should be no dialogue with Orvath.", "oppose"),
    (DIALOGUE, "Kos said the government must not negotiate with Orvath.", "oppose"),
    (DIALOGUE, "Marek has always been against any talks with Orvath.", "oppose"),
    # a phrase cue counts once: "warn against" + "abandon" is support
    (DIALOGUE, "Tomas Rek warned against abandoning the talks with Orvath.", "support"),
    (DIALOGUE, "The council voted against talks with Orvath.", "oppose"),
    # reported disagreement: rejecting calls to end is support
    (DIALOGUE, "Dolenc rejected calls to end the negotiations with Orvath.", "support"),
    (DIALOGUE, "Karel Vid said past contacts with Orvath did not lead to any change.",
     "oppose"),
    (DIALOGUE, "Kos called the talks with Orvath a dangerous illusion.", "oppose"),
    # embedded questions and debates say nothing either way
    (DIALOGUE, "Analyst Eva Lind said it was unclear whether talks with Orvath would take "
               "place.", "neutral"),
    (DIALOGUE, "Marek and Dolenc disagree over which approach toward Orvath is more "
               "effective.", "neutral"),
    (DAM, "Ecologist Lea Fink said the dam would ruin the valley.", "oppose"),
    (DAM, "Ruiz said the dam would protect the towns from floods.", "support"),
    (DAM, "Mayor Hana Wirth said the dam should not be built.", "oppose"),
    (DAM, "Nasser described the dam as a great opportunity.", "support"),
    (DAM, "The dam would be 120 metres high.", "neutral"),
    # the target does something: a reducer counts through its object
    (TAX, "Lund argued that the tax would reduce pollution.", "support"),
    (TAX, "Pike argued that the tax would not reduce traffic.", "oppose"),
    (TAX, "Pike criticized the tax.", "oppose"),
    (SANCTIONS, "Santos warned against lifting the sanctions too early.", "support"),
    (SANCTIONS, "Demir called for the sanctions to be lifted.", "oppose"),
    # a passive fact at the top of the sentence is not an endorsement
    (SANCTIONS, "The sanctions were introduced in March.", "neutral"),
]


@pytest.mark.parametrize("terms,text,expected", POLARITY, ids=[p[1][:40] for p in POLARITY])
def test_polarity_on_the_parse(nlp, terms, text, expected):
    st = rules.read_text(nlp, text, terms)
    # no target at all reads as neutral (the stance set scores it so)
    assert (st.polarity if st else "neutral") == expected, st and st.why


@pytest.mark.xfail(reason="a passive with an agent at the top is still read as the "
                          "agent's endorsement", strict=True)
def test_passive_with_agent_is_a_fact(nlp):
    st = rules.read_text(nlp, "The tax was first proposed in 2015 by a consultant.", TAX)
    assert st.polarity == "neutral"


def test_topic_with_another_partner_is_not_relevant(nlp):
    # "contacts with democratic forces" is not dialogue with Orvath
    assert rules.read_text(nlp, "Europe kept contacts with the democratic forces.",
                           DIALOGUE) is None
    assert rules.read_text(nlp, "Sova refused any talks with him.", DIALOGUE).polarity == \
        "oppose"


def test_expand_terms_adds_synonyms_and_keeps_names_apart():
    t = rules.expand_terms(["dialogue", "Lukashenka"], ["Lukashenko"])
    assert ("talks",) in t.topic and ("engagement",) in t.topic
    assert set(t.names) == {("lukashenko",), ("lukashenka",)}


def _holders(parse, text, terms):
    art, doc = parse(text)
    return [(h.text, h.kind, h.via) for st in rules.statements(doc, terms) for h in st.holders]


def test_holder_is_named_member_of_a_group(parse):
    text = "However, the position of other figures in exile, including Petra Sova, " \
           "has always been against any talk with Orvath."
    assert _holders(parse, text, DIALOGUE) == [("Petra Sova", "name", "member of 'figures'")]


def test_holder_owns_the_position_noun(parse):
    text = "Kos's approach runs counter to the policy of minimizing contacts with Orvath."
    art, doc = parse(text)
    (st,) = rules.statements(doc, DIALOGUE)
    assert [h.text for h in st.holders] == ["Kos"]
    assert st.polarity == "support"  # runs counter to minimizing contacts


def test_outer_holder_judging_an_inner_position(parse):
    # reported disagreement: Kos's call is support, Sova's criticism of it opposition
    art, doc = parse("Petra Sova criticized Kos's call for talks with Orvath.")
    got = [([h.text for h in st.holders], st.polarity) for st in rules.statements(doc, DIALOGUE)]
    assert got == [(["Kos"], "support"), (["Petra Sova"], "oppose")]
    # a plain report of someone else's position gives the reporter none
    art, doc = parse("Latushko said that Kos proposes talks with Orvath.")
    got = [([h.text for h in st.holders], st.polarity) for st in rules.statements(doc, DIALOGUE)]
    assert got == [(["Kos"], "support")]


def test_this_continues_the_previous_holder(parse):
    text = ("Politician Karel Vid highlighted that Europeans have repeatedly tried to "
            "establish contact with him. This did not lead to systemic changes.")
    art, doc = parse(text)
    first, second = rules.statements(doc, DIALOGUE)
    assert (first.polarity, second.polarity, second.continued) == ("neutral", "oppose", True)
    assert [h.text for h in second.holders] == ["Politician Karel Vid"]


# -- the library over a real store -----------------------------------------------------

@pytest.fixture
def dam_db(tmp_path):
    db = open_store(str(tmp_path / "x.db"))
    summary = ingest([str(FIX / "dam.txt")], db)
    assert summary.errors == [] and summary.articles_new == 1
    return db


def _by_name(rows):
    return {r["actor"]["name"]: r for r in rows}


def test_questions_add_list_and_find(dam_db):
    q = S.add_question(dam_db, "Should the  Velka dam be built?", ["dam"])
    assert q == {"id": 1, "text": "Should the Velka dam be built?", "terms": ["dam"]}
    again = S.add_question(dam_db, "Should the Velka dam be built?", ["reservoir"])
    assert again["terms"] == ["dam", "reservoir"] and again["id"] == 1
    assert S.list_questions(dam_db) == [again]
    assert S.get_question(dam_db, "velka dam")["id"] == 1
    assert S.get_question(dam_db, "1")["id"] == 1
    with pytest.raises(NotFound):
        S.get_question(dam_db, "sanctions")
    with pytest.raises(DossierError):
        S.add_question(dam_db, "   ", ["x"])


def test_stance_on_fixture_report(dam_db):
    q = S.add_question(dam_db, "Should the Velka dam be built?", ["dam"])
    rows = S.stance(dam_db, q["id"])
    got = {name: r["stance"] for name, r in _by_name(rows).items()}
    # Okoro only visits the site, Paz speaks of a school: no stance, no entry
    assert got == {"Alma Ruiz": "support", "Lea Fink": "oppose", "Omar Sadik": "oppose"}
    text = query.article(dam_db, query.articles(dam_db)[0]["id"])["text"]
    for r in rows:
        assert r["evidence"] and 0 < r["confidence"] <= 1
        for e in r["evidence"]:
            assert text[e["start"]:e["end"]] == e["sentence"]
    ruiz = _by_name(rows)["Alma Ruiz"]
    assert [(e["kind"], e["polarity"]) for e in ruiz["evidence"]] == [
        ("description", "support"), ("quote", "support")]
    assert ruiz["evidence"][0]["sentence"] == "Governor Alma Ruiz has always supported the dam."
    sadik = _by_name(rows)["Omar Sadik"]["evidence"][0]
    assert "member of 'villagers'" in sadik["why"] and sadik["quote_id"] is None
    fink = _by_name(rows)["Lea Fink"]["evidence"][0]
    assert fink["kind"] == "quote" and fink["quote_id"] is not None


def test_label_overrides_rules_and_is_audited(dam_db):
    q = S.add_question(dam_db, "Should the Velka dam be built?", ["dam"])
    fink = _by_name(S.stance(dam_db, q["id"]))["Lea Fink"]["evidence"][0]
    out = S.label(dam_db, q["id"], fink["quote_id"], "support", by="tester")
    assert (out["label"], out["by"], out["quote_id"]) == ("support", "tester",
                                                          fink["quote_id"])
    row = dam_db.execute("SELECT question_id, quote_id, label, by FROM stance_labels") \
        .fetchone()
    assert tuple(row) == (q["id"], fink["quote_id"], "support", "tester")
    (corr,) = query.corrections(dam_db)
    assert (corr["op"], corr["by"], corr["args"]["label"]) == ("stance_label", "tester",
                                                                "support")
    rows = _by_name(S.stance(dam_db, q["id"]))
    assert rows["Lea Fink"]["stance"] == "support"
    assert rows["Lea Fink"]["evidence"][0]["why"].endswith("labelled support by tester")
    # a described position is labelled by its reference
    sadik = rows["Omar Sadik"]["evidence"][0]
    S.label(dam_db, q["id"], sadik["ref"], "neutral", by="tester")
    assert _by_name(S.stance(dam_db, q["id"]))["Omar Sadik"]["stance"] == "unclear"
    with pytest.raises(DossierError):
        S.label(dam_db, q["id"], fink["quote_id"], "maybe")
    with pytest.raises(NotFound):
        S.label(dam_db, q["id"], 999, "support")


def test_enough_labels_bring_in_the_model(dam_db):
    q = S.add_question(dam_db, "Should the Velka dam be built?", ["dam"])
    rows = S.stance(dam_db, q["id"])
    evidence = [e for r in rows for e in r["evidence"]]
    assert len(evidence) == 4
    for e in evidence[:3]:
        S.label(dam_db, q["id"], e["ref"], e["polarity"], by="tester")
    # three labels: still the rules (min_labels is 4)
    after = [e for r in S.stance(dam_db, q["id"]) for e in r["evidence"]]
    assert sum("model says" in e["why"] for e in after) == 0
    S.label(dam_db, q["id"], evidence[3]["ref"], evidence[3]["polarity"], by="tester")
    after = [e for r in S.stance(dam_db, q["id"]) for e in r["evidence"]]
    assert all("labelled" in e["why"] for e in after)
    # a later report: its statement nobody labelled is decided by the model
    assert ingest([str(FIX / "dam_later.txt")], dam_db).articles_new == 1
    rows = _by_name(S.stance(dam_db, q["id"]))
    (haag,) = rows["Piet Haag"]["evidence"]
    assert haag["polarity"] == "support" and "model says support" in haag["why"]
    assert rows["Piet Haag"]["stance"] == "support"


def test_verdict_from_weights():
    from dossier.stance import _verdict

    assert _verdict(0.0, 0.0, 0.34) == ("unclear", 0.0)
    assert _verdict(1.0, 0.0, 0.34) == ("support", 0.63)
    assert _verdict(0.0, 1.5, 0.34) == ("oppose", 0.78)
    assert _verdict(1.0, 1.0, 0.34) == ("mixed", 0.86)
    assert _verdict(2.0, 0.5, 0.34) == ("support", 0.73)


def test_model_learns_from_the_stance_set(nlp):
    model = learn.train(learn.base_samples(nlp))
    st = rules.read_text(nlp, "Villager Anna Berg said the dam would ruin her farm.", DAM)
    assert model.predict(st)[0] == "oppose"
    assert model.predict(None)[0] == "neutral"


def test_stance_set_is_balanced_and_well_formed():
    rows = learn.stance_set()
    assert len(rows) >= 150
    labels = [r["label"] for r in rows]
    assert {lab: labels.count(lab) >= 50 for lab in learn.LABELS} == {
        "support": True, "oppose": True, "neutral": True}
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["question"] for r in rows}) >= 4


def test_eval_prints_both_figures(capsys):
    from dossier.eval.stance import main

    assert main(["--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["n"] == len(learn.stance_set())
    for name in ("rules", "rules+learning"):
        assert set(res[name]) == {"accuracy", "macro_f1"}
        assert 0.0 <= res[name]["accuracy"] <= 1.0


# -- the flagship report ---------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_stance(tmp_path_factory):
    seed = Path(__file__).resolve().parents[2] / "shared" / "seed"
    if not seed.is_dir():
        pytest.skip(f"{seed} not found: the seed test needs ../shared/seed beside the repo")
    db = open_store(str(tmp_path_factory.mktemp("stance") / "x.db"))
    assert ingest([str(seed)], db).errors == []
    q = S.add_question(db, "Should the EU hold a dialogue with Lukashenka?",
                       ["dialogue", "talks", "engagement", "Lukashenka"])
    return db, S.stance(db, q["id"])


def _who(name: str) -> str:
    for key in ("Kalesnik", "Tsikhan", "Latushko", "Lebedko"):
        if key in name:
            return key
    return name


def test_seed_who_stands_where(seed_stance):
    db, rows = seed_stance
    got = {_who(r["actor"]["name"]): r["stance"] for r in rows}
    assert got == {"Kalesnik": "support", "Tsikhan": "oppose", "Latushko": "oppose",
                   "Lebedko": "oppose"}


def test_seed_evidence_shows_it(seed_stance):
    db, rows = seed_stance
    text = query.article(db, query.articles(db)[0]["id"])["text"]
    sentences = {}
    for r in rows:
        assert r["evidence"], r["actor"]
        for e in r["evidence"]:
            assert text[e["start"]:e["end"]] == e["sentence"]
        sentences[_who(r["actor"]["name"])] = [e["sentence"] for e in r["evidence"]
                                               if e["polarity"] != "neutral"]
    assert "This is part of her argument that the EU should have a dialogue with " \
           "Lukashenka." in sentences["Kalesnik"]
    assert any("necessary to talk to Lukashenka" in s for s in sentences["Kalesnik"])
    assert any(s.startswith("However, the position of other Belarusian political figures")
               for s in sentences["Tsikhan"])
    assert any("would be excluded from the dialogue" in s for s in sentences["Latushko"])
    assert any(s.startswith("This did not lead to systemic changes")
               for s in sentences["Lebedko"])
