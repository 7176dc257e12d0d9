"""Plugins live in this package and in _contrib: __path__ is appended to at import time."""
import os

__path__.append(os.path.join(os.path.dirname(__file__), "_contrib"))

BUILTIN = ("csv",)
