"""Evaluations against annotated data, one module per task."""
