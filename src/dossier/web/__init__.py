"""The web workspace: pages over the record, corrections from the page.

``create_app(db_path, token=None, secret=None)`` gives the ASGI app; ``serve(...)`` runs it
with uvicorn on 127.0.0.1:8017 by default. ``dossier serve`` calls ``serve``.
"""
from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
