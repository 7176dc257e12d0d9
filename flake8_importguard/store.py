"""The summary store: each first-party module's summary, read at most once per process (and
kept between processes by the index cache), and the list of every first-party module."""
from __future__ import annotations

import os

from flake8_importguard.cache import NoCache
from flake8_importguard.files import walk
from flake8_importguard.finder import LocKind, ModuleLoc
from flake8_importguard.layout import Layout
from flake8_importguard.summary import ModuleSummary, summarize_source

Modules = list[tuple[str, str]]  # (module name, file)


class SummaryStore:
    def __init__(self, layout: Layout, cache: NoCache) -> None:
        self.layout = layout
        self.cache = cache
        self._summaries: dict[str, ModuleSummary] = {}
        self._all_modules: Modules | None = None
        self._writes: set[tuple[str, str]] | None = None

    def summary(self, loc: ModuleLoc) -> ModuleSummary:
        path = loc.file
        cached = self._summaries.get(path)
        if cached is None:
            package = loc.package
            cached = self.cache.summary(path, package, lambda source: summarize_source(source, path, package))
            self._summaries[path] = cached
        return cached

    def stub_names(self, loc: ModuleLoc) -> set[str]:
        if not loc.stub:
            return set()
        return set(self.summary(ModuleLoc(loc.name, LocKind.MODULE, loc.stub)).names)

    def has_summary(self, loc: ModuleLoc) -> bool:
        return loc.file in self._summaries or self.cache.has_summary(loc.file, loc.package)

    # -- every first-party module, for "where does X live now" ------------------------------------
    def all_modules(self) -> Modules:
        """(module name, file) of every first-party source module, found from the source roots."""
        if self._all_modules is None:
            self._all_modules = self.cache.all_modules(self.layout.source_roots, self._walk_all)
        return self._all_modules

    def _walk_all(self) -> tuple[Modules, dict[str, frozenset[str]]]:
        found: Modules = []
        seen: dict[str, frozenset[str]] = {}  # real path -> the entries listed there
        roots = self.layout.source_roots
        for source_root in roots:
            for dirpath, dirnames, filenames in walk(source_root, follow_links=True):
                real = os.path.realpath(dirpath)
                rel = os.path.relpath(dirpath, source_root)
                prefix = () if rel == os.curdir else tuple(rel.split(os.sep))
                if real in seen or (prefix and real in roots):
                    dirnames[:] = []  # listed already, or another source root of its own
                    continue
                seen[real] = self.layout.listing(dirpath)
                dirnames[:] = [d for d in dirnames if d.isidentifier()]
                for entry in filenames:
                    if not (entry.endswith(".py") and entry[:-3].isidentifier()):
                        continue
                    if entry != "__init__.py":
                        found.append((".".join((*prefix, entry[:-3])), os.path.join(dirpath, entry)))
                    elif prefix:
                        found.append((".".join(prefix), os.path.join(dirpath, entry)))
        return found, seen

    def written_into(self, module: str, name: str) -> bool:
        """Does any first-party module (conftest.py included) set `name` on `module` when it runs?"""
        if self._writes is None:
            self._writes = set()
            for other, path in self.all_modules():
                summary = self.summary(ModuleLoc.of_file(other, path))
                self._writes.update((m, n) for m, n in summary.writes)
        return (module, name) in self._writes or (module, "*") in self._writes
