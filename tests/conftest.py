"""Shared fixtures: the real spaCy pipeline, loaded once, and a helper that parses text."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier import nlp as nlp_mod
from dossier.read.txt import article_from_text

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return nlp_mod.load(os.environ.get("DOSSIER_MODEL"))


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(text, published=None) -> (Article, Doc)."""
    def _parse(text: str, published: str | None = None, **meta):
        art = article_from_text(text, published=published, **meta)
        return art, nlp(art.text)
    return _parse


@pytest.fixture
def seed_dir():
    path = SHARED / "seed"
    if not path.is_dir():
        pytest.skip(f"{path} not found: the end-to-end seed test needs ../shared/seed")
    return path
