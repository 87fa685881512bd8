"""Ingest throughput: articles/s, tokens/s, peak RSS, and the cost over bare spaCy parsing.

    python benchmarks/ingest.py [FOLDER] [-n 200] [--model NAME]

Reads the first N articles of FOLDER (default ../shared/eval/worldwide-newswire/
original_articles), then in one process: (1) bare ``nlp.pipe`` over their texts,
(2) Dossier's extractors over those same parsed docs, (3) the whole ingest (read, parse,
extract, resolve, store in a fresh SQLite file). After a warm-up, (1) and (3) alternate
``--repeat`` times and the best time of each counts, so that a slow moment of a shared
machine does not decide the ratio. Prints one table and a JSON line.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from dossier import nlp, settings
from dossier.extract import extract
from dossier.pipeline import ingest
from dossier.read import read_paths
from dossier.records import Article
from dossier.store import open_store

DEFAULT = Path(__file__).resolve().parents[2] / "shared/eval/worldwide-newswire/original_articles"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("-n", type=int, default=200, help="articles to use (default 200)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=2, help="alternating runs (best counts)")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.folder):
        print(f"skipped: {args.folder} not found (give a folder of articles)", file=sys.stderr)
        return 0
    arts = [a for a in read_paths([args.folder]) if isinstance(a, Article)][: args.n]
    paths = [a.path for a in arts]
    texts = [a.text for a in arts]
    model = settings.model_name(args.model)
    t = time.perf_counter()
    lang = nlp.load(model)
    load_s = time.perf_counter() - t

    list(lang.pipe(texts[:10], batch_size=settings.PIPE_BATCH))  # warm-up
    bare_s = ingest_s = float("inf")
    summary = None
    for _ in range(max(1, args.repeat)):
        t = time.perf_counter()
        docs = list(lang.pipe(texts, batch_size=settings.PIPE_BATCH))
        bare_s = min(bare_s, time.perf_counter() - t)
        tokens = sum(len(d) for d in docs)
        del docs
        with tempfile.TemporaryDirectory() as tmp:
            db = open_store(os.path.join(tmp, "bench.db"))
            t = time.perf_counter()
            summary = ingest(paths, db, model=model)
            ingest_s = min(ingest_s, time.perf_counter() - t)
            db.close()

    docs = list(lang.pipe(texts, batch_size=settings.PIPE_BATCH))
    t = time.perf_counter()
    for a, d in zip(arts, docs):
        extract(a, d)
    extract_s = time.perf_counter() - t
    del docs
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fig = {
        "model": model, "articles": len(arts), "tokens": tokens,
        "load_s": round(load_s, 2),
        "bare_parse_s": round(bare_s, 2), "extract_s": round(extract_s, 2),
        "ingest_s": round(ingest_s, 2),
        "ingest_articles_per_s": round(len(arts) / ingest_s, 1),
        "ingest_tokens_per_s": round(tokens / ingest_s),
        "bare_articles_per_s": round(len(arts) / bare_s, 1),
        "extract_over_parse": round(extract_s / bare_s, 3),
        "ingest_over_bare_parse": round(ingest_s / bare_s, 2),
        "peak_rss_mb": round(peak_mb), "errors": len(summary.errors),
    }
    rows = [("articles", fig["articles"]), ("tokens", fig["tokens"]),
            ("bare nlp.pipe", f"{bare_s:.1f} s  ({fig['bare_articles_per_s']} articles/s)"),
            ("extractors on parsed docs", f"{extract_s:.1f} s  ({fig['extract_over_parse']:.1%} of parse)"),
            ("whole ingest", f"{ingest_s:.1f} s  ({fig['ingest_articles_per_s']} articles/s, "
                             f"{fig['ingest_tokens_per_s']} tokens/s)"),
            ("ingest / bare parse", f"{fig['ingest_over_bare_parse']}x"),
            ("peak RSS", f"{fig['peak_rss_mb']} MB"), ("model", model)]
    for k, v in rows:
        print(f"{k:28} {v}")
    print(json.dumps(fig))
    return 0


if __name__ == "__main__":
    sys.exit(main())
