"""Measure event and date extraction on the hand-annotated sets in eval/data/.

``run()`` returns a dict:

- ``dates``: for each date engine (extract.dates.ENGINES, plus ``normalize``, the one the
  pipeline uses) the share of the date set (``dates_gold.jsonl``: expression, article
  date, gold value and granularity; durations have gold null) resolved exactly, value and
  granularity both, with the misses listed;
- ``events``: over ``events_gold.jsonl`` (short reports with gold events: type, the names
  of the people it happened to, date value, modality, sentence term), event detection
  precision/recall/F1 (a predicted event matches a gold one of the same type sharing a
  person, or with no person on either side), then on matched pairs the share with the
  right people (same set of surnames), date, modality and term.

``python -m dossier.eval.events [--model NAME] [--json]`` prints them.
"""
from __future__ import annotations

import argparse
import json
import sys
from importlib import resources

DATA = "data"


def _gold(name: str) -> list[dict]:
    path = resources.files(__package__).joinpath(DATA, name)
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score_dates(gold: list[dict] | None = None) -> dict:
    """Exact (value, granularity) accuracy of each engine on the date set."""
    from ..extract import dates

    gold = gold if gold is not None else _gold("dates_gold.jsonl")
    engines = dict(dates.ENGINES)
    engines["normalize"] = dates.normalize
    out = {}
    for name, fn in engines.items():
        right, misses = 0, []
        for g in gold:
            want = (g["value"], g["granularity"]) if g["value"] else None
            try:
                got = fn(g["text"], g["published"])
            except ImportError as exc:  # an optional engine not installed here
                out[name] = {"error": f"{name} needs {exc.name}: pip install it to measure"}
                break
            if got == want:
                right += 1
            else:
                misses.append({"text": g["text"], "published": g["published"],
                               "gold": list(want) if want else None,
                               "got": list(got) if got else None})
        else:
            out[name] = {"accuracy": round(right / len(gold), 3), "correct": right,
                         "total": len(gold), "misses": misses}
    return out


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _names(ev) -> set[str]:
    return {_surname(p.name) for p in ev.participants
            if p.key is not None and p.role in ("subject", "counterpart")}


def _match(gold_ev: dict, pred) -> bool:
    if gold_ev["type"] != pred.type:
        return False
    want = {_surname(n) for n in gold_ev["subjects"]}
    got = _names(pred)
    return bool(want & got) or (not want and not got)


def score_events(nlp, gold: list[dict] | None = None) -> dict:
    """Detection P/R/F1 and attribute accuracy on matched events."""
    from ..extract.entities import extract_entities
    from ..extract.events import extract_events
    from ..read.txt import article_from_text

    gold = gold if gold is not None else _gold("events_gold.jsonl")
    tp = fp = fn = 0
    people = dates = modality = detail = detail_total = 0
    errors = []
    for item in gold:
        art = article_from_text(item["text"], published=item["published"])
        doc = nlp(art.text)
        preds = extract_events(art, doc, extract_entities(art, doc))
        unused = list(preds)
        for g in item["events"]:
            hit = next((p for p in unused if _match(g, p)), None)
            if hit is None:
                fn += 1
                errors.append({"text": item["text"], "missed": g})
                continue
            unused.remove(hit)
            tp += 1
            ok_people = _names(hit) == {_surname(n) for n in g["subjects"]}
            got_date = hit.date.value if hit.date else None
            people += ok_people
            dates += got_date == g["date"]
            modality += hit.modality == g["modality"]
            if "detail" in g:
                detail_total += 1
                detail += hit.detail == g["detail"]
            if not (ok_people and got_date == g["date"] and hit.modality == g["modality"]):
                errors.append({"text": item["text"], "gold": g,
                               "got": {"type": hit.type, "subjects": sorted(_names(hit)),
                                       "date": got_date, "modality": hit.modality}})
        for p in unused:
            fp += 1
            errors.append({"text": item["text"], "extra": {
                "type": p.type, "subjects": sorted(_names(p)),
                "date": p.date.value if p.date else None, "modality": p.modality}})
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    m = max(tp, 1)
    return {"reports": len(gold), "gold_events": tp + fn, "predicted": tp + fp,
            "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
            "participants_acc": round(people / m, 3), "date_acc": round(dates / m, 3),
            "modality_acc": round(modality / m, 3),
            "term_acc": round(detail / detail_total, 3) if detail_total else None,
            "errors": errors}


def run(model: str | None = None) -> dict:
    """Both scores: {"dates": {...per engine...}, "events": {...}}."""
    from .. import nlp as nlp_mod

    return {"dates": score_dates(), "events": score_events(nlp_mod.load(model))}


def _print(result: dict, out=sys.stdout) -> None:
    print("Dates (exact value and granularity):", file=out)
    for name, r in result["dates"].items():
        if "error" in r:
            print(f"  {name:12} {r['error']}", file=out)
        else:
            print(f"  {name:12} {r['accuracy']:.3f}  ({r['correct']}/{r['total']})", file=out)
    ev = result["events"]
    print(f"Events ({ev['reports']} reports, {ev['gold_events']} gold events, "
          f"{ev['predicted']} predicted):", file=out)
    print(f"  detection   P {ev['precision']:.3f}  R {ev['recall']:.3f}  F1 {ev['f1']:.3f}",
          file=out)
    print(f"  on matched  participants {ev['participants_acc']:.3f}  date {ev['date_acc']:.3f}"
          f"  modality {ev['modality_acc']:.3f}  term {ev['term_acc']}", file=out)
    for e in ev["errors"]:
        print("   -", json.dumps(e, ensure_ascii=False), file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dossier.eval.events", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="spaCy pipeline (default: settings.model_name())")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    result = run(args.model)
    if args.json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
