"""Where a patch takes effect: the first-party modules that define a name, and those that import
it from its definition (`from app.db.replicas import get_replica_db`). A module that imported a
name holds its own reference: `patch` must replace the name there, where the code under test
looks it up, not where it is defined. Test files are left out (they are not the code under
test); test helper modules count. Built once per project, on the first patch target that needs
a hint, from the summaries every first-party module already has.
"""
from __future__ import annotations

from flake8_importguard.finder import ModuleLoc
from flake8_importguard.model import SymbolKind
from flake8_importguard.store import SummaryStore
from flake8_importguard.suggest import may_be_home

_FOLLOW = 4  # re-exports followed from an import back to its definition


class Binders:
    def __init__(self, store: SummaryStore) -> None:
        self.store = store
        self._defined: dict[str, list[str]] | None = None
        self._imports: dict[str, list[tuple[str, str, str]]] = {}  # name -> (module, from module, from name)
        self._origins: dict[tuple[str, str], tuple[str, str]] = {}  # (module, local name) -> its origin

    def _build(self) -> dict[str, list[str]]:
        if self._defined is not None:
            return self._defined
        defined: dict[str, list[str]] = {}
        for module, path in self.store.all_modules():
            if not may_be_home(path):
                continue
            summary = self.store.summary(ModuleLoc.of_file(module, path))
            for name, kind in summary.names.items():
                if kind != SymbolKind.IMPORT:
                    defined.setdefault(name, []).append(module)
                    continue
                origin, attribute = summary.origins.get(name) or ["", ""]
                if attribute:
                    self._imports.setdefault(attribute, []).append((module, origin, attribute))
                    self._origins[(module, name)] = (origin, attribute)
        self._defined = defined
        return defined

    def defined_in(self, name: str, asked: str) -> list[str]:
        """The modules that define `name` (not by an import), the nearest to `asked` first."""
        return sorted(self._build().get(name, []), key=lambda module: _distance(module, asked))

    def imported_by(self, name: str, homes: list[str]) -> list[str]:
        """The modules that import `name`, directly or through re-exports, from one of `homes`."""
        self._build()
        found = []
        for module, origin, attribute in self._imports.get(name, []):
            for _ in range(_FOLLOW):
                if origin in homes and attribute == name:
                    found.append(module)
                    break
                step = self._origins.get((origin, attribute))
                if step is None:
                    break
                origin, attribute = step
        return sorted(found)


def _distance(module: str, asked: str) -> tuple[int, int, str]:
    """Modules sharing a longer dotted prefix with `asked` first, then shorter paths."""
    shared = 0
    for mine, theirs in zip(module.split("."), asked.split(".")):
        if mine != theirs:
            break
        shared += 1
    return -shared, module.count("."), module
