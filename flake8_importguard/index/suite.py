"""What the project's own test suite imports from first-party code.

`from app.models import Thread` anywhere in the suite makes `Thread` the name of a first-party
symbol, even when the module no longer defines it: a test-local `Thread = Mock` is then a
placeholder. Each test file's `from` imports are a per-file entry of the index, made while the
file is parsed for its check anyway (or, for a file not checked yet, by parsing it), kept while
the file is unchanged. "Does the suite import this name?" is a whole-project question: its
answer is recorded (base/record.py). Read with the stdlib `ast` only; nothing is imported or executed.
"""
from __future__ import annotations

import ast
import os
from typing import Any

from flake8_importguard.base.record import Question
from flake8_importguard.base.syntax import absolute_module, iter_statements
from flake8_importguard.index.cache import NoCache, Signature, content_digest
from flake8_importguard.index.census import Census
from flake8_importguard.index.finder import Finder
from flake8_importguard.index.layout import Layout
from flake8_importguard.index.snapshot import Section

Imports = list[list[Any]]  # [[absolute module, [names and their aliases]], ...]


def imports_of(tree: ast.AST, package: str) -> Imports:
    """Every `from m import a as b` of a file, anywhere in it: [m, [a, b]]."""
    found: Imports = []
    for node in iter_statements(tree):
        if isinstance(node, ast.ImportFrom):
            names = sorted({n for a in node.names for n in (a.name, a.asname or a.name)} - {"*"})
            module = absolute_module(package, node.level, node.module)
            if module and names:
                found.append([module, names])
    return found


def _parsed_imports(source: bytes, package: str) -> Imports:
    try:
        return imports_of(ast.parse(source), package)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []


class SuiteNames:
    def __init__(self, layout: Layout, finder: Finder, cache: NoCache, census: Census) -> None:
        self.layout, self.finder, self.cache, self.census = layout, finder, cache, census
        self.recorder = census.recorder

    def test_files(self) -> list[str]:
        """Every test file of the project (census.py)."""
        return self.census.test_files()

    def remember(self, path: str, sig: Signature, source: bytes, tree: ast.AST) -> None:
        """Keep the imports of a test file just parsed for its check (`source`, read with `sig`)."""
        path = os.path.abspath(path)
        if self.layout.is_test_file(path):
            package = self.layout.module_name(path)[1]
            entry = [sig, imports_of(tree, package), content_digest(source)]
            self.cache.keep(Section.SUITE, f"{self.cache.key_of(path)}\0{package}", entry, [sig])

    def entry(self, path: str) -> Imports:
        """The `from` imports of one test file: its index entry, or parsed now."""
        package = self.layout.module_name(path)[1]
        data = self.cache.file_entry(Section.SUITE, path, package, lambda source: _parsed_imports(source, package))
        return data if isinstance(data, list) else []

    def importers(self, name: str) -> list[str]:
        """The first-party modules that some test file imports `name` from: a whole-project
        question, recorded with its answer. Only the test files whose text mentions it are read."""
        return self.census.ask((Question.SUITE, name), lambda: self._importing(name))

    def _importing(self, name: str) -> list[str]:
        mentioning = set(self.census.mentions(name))
        return sorted({module for path in self.test_files() if path in mentioning
                       for module in self._imported_from(path).get(name, ())})

    def _imported_from(self, path: str) -> dict[str, set[str]]:
        """name -> the first-party modules the test file `path` imports it from."""
        search = self.layout.search_path(path)
        found: dict[str, set[str]] = {}
        for module, names in self.entry(path):
            if self.finder.is_first_party(module.split(".")[0], search):
                for name in names:
                    found.setdefault(name, set()).add(module)
        return found
