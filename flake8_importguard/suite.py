"""What the project's own test suite imports from first-party code.

`from app.models import Thread` anywhere in the suite makes `Thread` the name of a first-party
symbol, even when the module no longer defines it: a test-local `Thread = Mock` is then a
placeholder. Read with the stdlib `ast` only; nothing is imported or executed.
"""
from __future__ import annotations

import ast
import os
from functools import cached_property

from flake8_importguard.files import walk
from flake8_importguard.finder import Finder
from flake8_importguard.layout import Layout
from flake8_importguard.syntax import absolute_module


def parse_file(path: str) -> ast.Module | None:
    try:
        with open(path, "rb") as f:
            return ast.parse(f.read(), filename=path)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None


class SuiteNames:
    def __init__(self, layout: Layout, finder: Finder) -> None:
        self.layout, self.finder = layout, finder

    def test_files(self) -> list[str]:
        """Every test file of the project (nested projects, build output and the like left out)."""
        return [os.path.join(dirpath, f)
                for dirpath, _, filenames in walk(self.layout.root, project=True)
                for f in filenames if f.endswith(".py") and self.layout.is_test_file(os.path.join(dirpath, f))]

    @cached_property
    def imported(self) -> dict[str, frozenset[str]]:
        """name the suite uses -> the first-party modules it is imported from."""
        names: dict[str, set[str]] = {}
        for path in self.test_files():
            tree = parse_file(path)
            if tree is None:
                continue
            package = self.layout.module_name(path)[1]
            search = self.layout.search_path(path)
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom):
                    continue
                module = absolute_module(package, node.level, node.module)
                if not module or not self.finder.is_first_party(module.split(".")[0], search):
                    continue
                for alias in node.names:
                    for name in {alias.name, alias.asname or alias.name} - {"*"}:
                        names.setdefault(name, set()).add(module)
        return {name: frozenset(modules) for name, modules in names.items()}
