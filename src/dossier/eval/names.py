"""Cross-script name matching scored on a CSV of name forms (``name,id``; rows sharing an id
are one person): cluster the forms with ``resolve.matcher.cluster_names``, then pairwise
precision, recall and F1 over pairs of rows, and every wrong merge listed.

    python -m dossier.eval.names ../shared/eval/names/everypolitician-belarus.csv
"""
from __future__ import annotations

import csv
import argparse
import json
from itertools import combinations
from pathlib import Path

from ..resolve.matcher import cluster_names, match_names


def read_csv(path: str | Path) -> list[tuple[str, str]]:
    """(name, id) rows of a ``name,id`` CSV; rows with an empty name are skipped."""
    with open(path, newline="", encoding="utf-8") as f:
        return [(r["name"].strip(), r["id"].strip()) for r in csv.DictReader(f)
                if r.get("name", "").strip()]


def score(rows: list[tuple[str, str]], clusters: list[list[int]]) -> dict:
    """Pairwise precision/recall/F1 of ``clusters`` (row indices) against the row ids."""
    gold = {(i, j) for i, j in combinations(range(len(rows)), 2) if rows[i][1] == rows[j][1]}
    pred = {tuple(sorted(p)) for c in clusters for p in combinations(c, 2)}
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    wrong = []
    for i, j in sorted(pred - gold):
        a, b = rows[i], rows[j]
        wrong.append({"a": a[0], "a_id": a[1], "b": b[0], "b_id": b[1],
                      "why": match_names(a[0], b[0])[1]})
    return {"rows": len(rows), "people": len({r[1] for r in rows}),
            "clusters": len(clusters), "gold_pairs": len(gold), "predicted_pairs": len(pred),
            "true_pairs": tp, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4), "wrong_merge_pairs": len(wrong), "wrong_merges": wrong}


def missed(rows: list[tuple[str, str]], clusters: list[list[int]]) -> list[tuple[str, str]]:
    """Gold pairs the clustering left apart (for inspection)."""
    where = {i: n for n, c in enumerate(clusters) for i in c}
    return [(rows[i][0], rows[j][0]) for i, j in combinations(range(len(rows)), 2)
            if rows[i][1] == rows[j][1] and where[i] != where[j]]


def run(csv_path: str | Path) -> dict:
    """Cluster the forms in ``csv_path`` and score them; raises FileNotFoundError if absent."""
    rows = read_csv(csv_path)
    clusters = cluster_names([n for n, _ in rows])
    out = score(rows, clusters)
    out["file"] = str(csv_path)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="dossier eval names",
                                 description="Cluster name forms; pairwise P/R/F1 and every "
                                             "wrong merge.")
    ap.add_argument("csv", help="name,id CSV, e.g. ../shared/eval/names/everypolitician-belarus.csv")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--missed", action="store_true", help="also list the pairs not merged")
    args = ap.parse_args(argv)
    path = Path(args.csv)
    if not path.is_file():
        print(f"skipped: {path} not found (the names evaluation needs a name,id CSV, "
              "e.g. ../shared/eval/names/everypolitician-belarus.csv)")
        return 0
    res = run(path)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(f"{res['file']}: {res['rows']} forms of {res['people']} people -> "
              f"{res['clusters']} clusters")
        print(f"pairwise precision {res['precision']:.3f}  recall {res['recall']:.3f}  "
              f"F1 {res['f1']:.3f}  ({res['true_pairs']}/{res['gold_pairs']} gold pairs, "
              f"{res['predicted_pairs']} predicted)")
        print(f"wrong merges: {res['wrong_merge_pairs']} pairs")
        for w in res["wrong_merges"]:
            print(f"  {w['a']} [{w['a_id']}] + {w['b']} [{w['b_id']}]: {w['why']}")
    if args.missed:
        rows = read_csv(path)
        for a, b in missed(rows, cluster_names([n for n, _ in rows])):
            print(f"  missed: {a} ~ {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
