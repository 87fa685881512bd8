"""Dossier: a sourced record of who said what, who is who, and what happened to whom."""

__version__ = "0.1.0"
