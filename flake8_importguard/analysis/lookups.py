"""Where a patch takes effect: the first-party modules that define a name, and those that import
it from its definition (`from app.db.replicas import get_replica_db`). A module that imported a
name holds its own reference: `patch` must replace the name there, where the code under test
looks it up, not where it is defined. Test files are left out (they are not the code under
test); test helper modules count. Both are whole-project questions, answered from the summaries
of the modules whose text mentions the name and recorded with their answers (base/record.py).
"""
from __future__ import annotations

from typing import Any

from flake8_importguard.analysis.suggest import Homes, may_be_home
from flake8_importguard.base.model import SymbolKind
from flake8_importguard.base.record import Question
from flake8_importguard.index.finder import ModuleLoc
from flake8_importguard.index.store import SummaryStore

_FOLLOW = 4  # re-exports followed from an import back to its definition


class Binders:
    def __init__(self, store: SummaryStore, homes: Homes) -> None:
        self.store, self.homes = store, homes

    def defined_in(self, name: str, asked: str) -> list[str]:
        """The modules that define `name` (not by an import), the nearest to `asked` first: the
        recorded whole-project question (Question.HOMES, name) of suggest.Homes."""
        return sorted((module for module, _ in self.homes.defining(name)), key=lambda module: _distance(module, asked))

    def imported_by(self, name: str, homes: list[str]) -> list[str]:
        """The modules that import `name`, directly or through re-exports, from one of `homes`."""
        return sorted({module for module, steps in self.importers(name)
                       if any(origin in homes and attribute == name for origin, attribute in steps)})

    def importers(self, name: str) -> list[list[Any]]:
        """[module, the (module, name) steps back from its import of `name` to where it came from]
        for every module that imports `name`: a whole-project question, recorded with its answer."""
        return self.store.census.ask((Question.IMPORTERS, name), lambda: self._find(name))

    def _find(self, name: str) -> list[list[Any]]:
        origins: dict[tuple[str, str], tuple[str, str]] = {}  # (module, local name) -> its origin
        imports: list[tuple[str, str, str]] = []
        for module, path in self.store.census.modules_in(self.store.census.mentions(name)):
            if may_be_home(path):
                summary = self.store.summary(ModuleLoc.of_file(module, path))
                for local, kind in summary.names.items():
                    origin, attribute = summary.origins.get(local) or ["", ""]
                    if kind == SymbolKind.IMPORT and attribute:
                        origins[(module, local)] = (origin, attribute)
                        if attribute == name:
                            imports.append((module, origin, attribute))
        found = []
        for module, origin, attribute in sorted(imports):
            steps = [[origin, attribute]]
            while len(steps) < _FOLLOW and (origin, attribute) in origins:
                origin, attribute = origins[(origin, attribute)]
                steps.append([origin, attribute])
            found.append([module, steps])
        return found


def _distance(module: str, asked: str) -> tuple[int, int, str]:
    """Modules sharing a longer dotted prefix with `asked` first, then shorter paths."""
    shared = 0
    for mine, theirs in zip(module.split("."), asked.split(".")):
        if mine != theirs:
            break
        shared += 1
    return -shared, module.count("."), module
