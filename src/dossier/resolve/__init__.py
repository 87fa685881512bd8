"""Cross-article identity: one person, many spellings, in any script.

``names`` builds transliteration keys, ``matcher`` decides whether two names are one
person (and clusters many), ``index`` resolves an article's entities against known ones.
"""
from __future__ import annotations

from .index import NameIndex, resolve
from .matcher import cluster_names, match_names
from .names import latin, parse_name, skeleton

__all__ = ["NameIndex", "resolve", "match_names", "cluster_names", "latin", "parse_name",
           "skeleton"]
