"""How the project's linters want an import the fixer writes, so that it passes them: the line
length they hold its files to (flake8's `max-line-length` in setup.cfg, tox.ini or .flake8, else
ruff's or black's `line-length` in pyproject.toml, else pycodestyle's default of 79), and the
top-level names isort (and ruff's isort rules) put in the first-party section."""
from __future__ import annotations

import configparser
import os
from dataclasses import dataclass

from flake8_importguard.index.packaging import read_toml

DEFAULT_LINE_LENGTH = 79


@dataclass(frozen=True)
class ImportStyle:
    line_length: int = DEFAULT_LINE_LENGTH
    first_party: frozenset[str] = frozenset()  # the project's top-level packages and modules


def max_line_length(root: str) -> int:
    for name in ("setup.cfg", "tox.ini", ".flake8"):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(os.path.join(root, name), encoding="utf-8")
            value = parser.get("flake8", "max-line-length", fallback="") or parser.get(
                "flake8", "max_line_length", fallback="")
        except (configparser.Error, UnicodeDecodeError, OSError):
            continue
        if value.strip().isdigit():
            return int(value)
    tool = read_toml(os.path.join(root, "pyproject.toml")).get("tool", {})
    for section in ("ruff", "black"):
        length = tool.get(section, {}).get("line-length") if isinstance(tool, dict) else None
        if isinstance(length, int):
            return length
    return DEFAULT_LINE_LENGTH
