"""Screenshots of the main web pages, from the seed report, into docs/*.png.

Usage: .venv/bin/python scripts/screenshots.py [--seed ../shared/seed] [--db FILE] [--out docs]

Ingests the seed into a temporary database (or uses --db), serves the app with uvicorn on a
free local port, and photographs each page in Debian's headless Chromium via Playwright
(scripts/install-browser.sh installs it).
"""
from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]


def _serve(db_path: str):
    import uvicorn

    from dossier.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", default=str(ROOT.parent / "shared" / "seed"))
    ap.add_argument("--db", default=None, help="use this database instead of ingesting the seed")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found: run scripts/install-browser.sh first")
    from playwright.sync_api import sync_playwright

    from dossier.pipeline import ingest
    from dossier.store import open_store, query

    db_path = args.db
    if not db_path:
        if not Path(args.seed).is_dir():
            sys.exit(f"{args.seed} not found: pass --seed DIR or --db FILE")
        db_path = str(Path(tempfile.mkdtemp(prefix="dossier-shots-")) / "seed.db")
        summary = ingest([args.seed], open_store(db_path))
        if summary.errors:
            sys.exit("ingest failed: " + "; ".join(summary.errors))
    db = open_store(db_path)
    arts = query.articles(db)
    if not arts:
        sys.exit(f"{db_path} has no articles")
    aid = arts[0]["id"]
    quotes = query.quotes(db, article_id=aid)
    people = query.people(db, "person")
    pid = people[0]["id"] if people else None
    hl = f"?hl={quotes[0]['start']}-{quotes[0]['end']}#hl" if quotes else ""
    pages = [("articles", "/articles"), ("article", f"/articles/{aid}{hl}"),
             ("quotes", "/quotes"), ("prisoners", "/prisoners")]
    if pid:
        pages.insert(2, ("person", f"/people/{pid}"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    server, url = _serve(db_path)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in pages:
                page.goto(url + path)
                page.wait_for_load_state("load")
                target = out / f"web-{name}.png"
                page.screenshot(path=str(target), full_page=name not in ("article",))
                print(target)
            browser.close()
    finally:
        server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
