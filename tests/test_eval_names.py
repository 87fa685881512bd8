"""The names evaluation: clustering a name,id CSV and scoring pairs."""
from __future__ import annotations

from pathlib import Path

from dossier.eval import names

CSV = Path(__file__).parent / "fixtures" / "entities" / "names.csv"


def test_run_on_fixture():
    res = names.run(CSV)
    assert res["rows"] == 17
    assert res["people"] == 6
    assert res["gold_pairs"] == 10 + 6 + 1 + 1 + 3
    assert res["wrong_merges"] == []
    assert res["precision"] == 1.0
    # "Pavel Sidorenko" fits two namesakes with different patronymics: left alone
    assert res["true_pairs"] == res["gold_pairs"] - 1
    assert res["recall"] == round(20 / 21, 4)


def test_score_lists_wrong_merges():
    rows = [("Viktor Babariko", "a"), ("Viktar Babaryka", "a"), ("Eduard Babariko", "b")]
    res = names.score(rows, [[0, 1, 2]])
    assert (res["precision"], res["recall"]) == (round(1 / 3, 4), 1.0)
    assert [(w["a"], w["b_id"]) for w in res["wrong_merges"]] == \
        [("Viktor Babariko", "b"), ("Viktar Babaryka", "b")]


def test_main_skips_missing_file(capsys, tmp_path):
    assert names.main([str(tmp_path / "absent.csv")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_main_prints_figures(capsys):
    assert names.main([str(CSV)]) == 0
    out = capsys.readouterr().out
    assert "wrong merges: 0 pairs" in out
    assert "precision 1.000" in out
