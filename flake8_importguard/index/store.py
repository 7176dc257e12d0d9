"""The summary store: each first-party module's summary, read at most once per process (and
kept between processes by the index cache), and the list of every first-party module.

Each summary used is reported to the recorder (base/record.py): the check of a file depends on the
module files whose summaries it read. "Who sets this name on a module from elsewhere" is a
whole-project question: its answer, not the files read for it, is recorded."""
from __future__ import annotations

import ast
from contextlib import contextmanager
from typing import Iterator

from flake8_importguard.base.record import Question, Recorder
from flake8_importguard.index.cache import NoCache
from flake8_importguard.index.census import Census, Modules
from flake8_importguard.index.finder import LocKind, ModuleLoc
from flake8_importguard.index.layout import Layout
from flake8_importguard.index.scan import ANY, WRITTEN
from flake8_importguard.index.summary import ModuleSummary, summarize_source


class SummaryStore:
    def __init__(self, census: Census) -> None:
        """`census`: the project's (analysis/project.py owns it); its layout, index cache and
        recorder are the store's."""
        self.census = census
        self.layout: Layout = census.layout
        self.cache: NoCache = census.cache
        self.recorder: Recorder = census.recorder
        self._summaries: dict[str, ModuleSummary] = {}
        self._parsed: tuple[bytes, ast.Module] | None = None  # the file being checked, as its check parsed it

    def summary(self, loc: ModuleLoc) -> ModuleSummary:
        path = loc.file
        self.recorder.file(path)
        cached = self._summaries.get(path)
        if cached is None:
            package = loc.package
            cached = self.cache.summary(path, package, lambda source: self._summarize(source, path, package))
            self._summaries[path] = cached
        return cached

    @contextmanager
    def parsed(self, source: bytes, tree: ast.Module) -> Iterator[None]:
        """While a file is checked: a summary of a file that holds the same bytes (the file
        itself, as a module another question reads) is read from the tree the check parsed,
        not parsed a second time. Nothing changes a tree it is handed."""
        saved, self._parsed = self._parsed, (source, tree)
        try:
            yield
        finally:
            self._parsed = saved

    def _summarize(self, source: bytes, path: str, package: str) -> ModuleSummary:
        parsed = self._parsed
        return summarize_source(source, path, package, parsed[1] if parsed and parsed[0] == source else None)

    def stub_names(self, loc: ModuleLoc) -> set[str]:
        if not loc.stub:
            return set()
        return set(self.summary(ModuleLoc(loc.name, LocKind.MODULE, loc.stub)).names)

    def has_summary(self, loc: ModuleLoc) -> bool:
        return loc.file in self._summaries or self.cache.has_summary(loc.file, loc.package)

    # -- every first-party module, for "where does X live now" ------------------------------------
    def all_modules(self) -> Modules:
        """(module name, file) of every first-party source module (census.py)."""
        return self.census.modules()

    def written_into(self, module: str, name: str) -> bool:
        """Does any first-party module (conftest.py included) set `name` on `module` when it runs?"""
        return module in self.writers(name)

    def writers(self, name: str) -> list[str]:
        """The modules on which some first-party module sets `name` (or a computed name): a
        whole-project question, recorded with its answer. Only the modules whose text may set
        it (`app.name = ...`, scan.WRITTEN) are read (census.py)."""
        return self.census.ask((Question.WRITES, name), lambda: self._written(name))

    def _written(self, name: str) -> list[str]:
        candidates = sorted({*self.census.mentions(WRITTEN + name), *self.census.mentions(ANY)})
        return sorted({module for other, path in self.census.modules_in(candidates)
                       for module, written in self.summary(ModuleLoc.of_file(other, path)).writes
                       if written in (name, "*")})
