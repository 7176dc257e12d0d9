"""A module of the namespace package app.ns (no `__init__.py`)."""
PART = 1
