"""Does importing a first-party module fail because of an import it runs (IMG105)?

CPython imports `a.b.c` by running `a`, then `a.b`, then `a.b.c`, each from the top; a module
fails when one of the imports it runs unconditionally at module level fails, directly (the
module or name it imports is missing) or through the module it imports. The import graph is
the summaries' `imports` (runtime.runtime_imports); every verdict on a link is the resolver's.

A break found through another module counts only when that module cannot be in `sys.modules`
already when the link runs: a module that may import the importer back (a cycle) is partially
initialised then, or was completed by an earlier import in the same process (pytest imports
every test file in one), and the outcome depends on the order: unknown, silent. A direct break
(the resolver's MISSING: bound nowhere in the module) fails whatever the order.

Answers are kept per module and search path, once per session: the cost stays with the index.
"""
from __future__ import annotations

from flake8_importguard.finder import Finder, LocKind
from flake8_importguard.layout import Layout
from flake8_importguard.model import Cause, Missing, Verdict
from flake8_importguard.resolver import Resolver
from flake8_importguard.store import SummaryStore

Search = tuple[str, ...]


def prefixes(dotted: str) -> list[str]:
    """`a`, `a.b`, `a.b.c` for `a.b.c`: what importing it runs, in order."""
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _within(module: str, package: str) -> bool:
    """Is `module` the package itself or one of its ancestors (already running or run)?"""
    return package == module or package.startswith(module + ".")


class Chains:
    def __init__(self, layout: Layout, finder: Finder, store: SummaryStore, resolver: Resolver) -> None:
        self.layout, self.finder, self.store, self.resolver = layout, finder, store, resolver
        self._own: dict[tuple[str, Search], Cause | None] = {}
        self._running: set[tuple[str, Search]] = set()
        self._reach: dict[tuple[str, Search], frozenset[str]] = {}

    def cause(self, module: str, search: Search) -> Cause | None:
        """Why a fresh `import module` surely fails through a first-party import it runs (the
        first such import, in the module that holds it); None when it works or nobody can say."""
        for prefix in prefixes(module):
            found = self.own(prefix, search)
            if found is not None:
                return found if prefix == module or module not in self.reach(prefix, search) else None
        return None

    def own(self, module: str, search: Search) -> Cause | None:
        """The first import the module's own code runs unconditionally that surely fails, its
        parent packages being imported already."""
        key = (module, search)
        if key in self._own:
            return self._own[key]
        if key in self._running:
            return None  # a cycle: the caller's link is never certain (see the module doc)
        self._running.add(key)
        try:
            found = self._first_break(module, search)
        finally:
            self._running.discard(key)
        self._own[key] = found
        return found

    def _first_break(self, module: str, search: Search) -> Cause | None:
        loc = self.finder.find_module(module, search)
        if loc is None or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not loc.file:
            return None  # a namespace runs nothing; compiled or missing modules are not ours to read
        summary = self.store.summary(loc)
        if summary.error:
            return None
        here = self.layout.relative(loc.file)
        for target, names, line, always in summary.imports:
            if always and target and self.finder.is_first_party(target.split(".")[0], search):
                found = self._link(module, Cause(here, line, target), names, search)
                if found is not None:
                    return found
        return None

    def _link(self, module: str, at: Cause, names: list[str], search: Search) -> Cause | None:
        """The failure that the import statement `at` (of `at.module`, `names` from it) surely
        meets: its own, or one further down the chain; None when it works or nobody can say."""
        for prefix in prefixes(at.module):
            verdict = self.resolver.resolve_module(prefix, search)
            if verdict.verdict is Verdict.MISSING:
                reason = verdict.reason or Missing.NO_MODULE
                real = self.resolver.case_twin(prefix, search) if reason is Missing.CASE else ""
                return Cause(at.file, at.line, prefix, "", reason, real and self.layout.relative(real))
            if verdict.verdict is Verdict.UNKNOWN:
                return None
            deeper = self._through(module, prefix, search)
            if deeper is not None:
                return deeper
        for name in names:
            submodule = f"{at.module}.{name}"
            if self.finder.find_module(submodule, search) is not None:
                deeper = self._through(module, submodule, search)
                if deeper is not None:
                    return deeper
                continue
            found = self.resolver.resolve_name(at.module, name, search)
            if found.verdict is Verdict.MISSING:
                return Cause(at.file, at.line, at.module, name, found.reason or Missing.NO_NAME)
        return None

    def _through(self, module: str, target: str, search: Search) -> Cause | None:
        """A break inside `target`, which `module` imports; only when `target` surely runs from the
        top then: it is not `module` or an ancestor of it, and cannot import `module` back."""
        if _within(target, module) or (target, search) in self._running:
            return None
        found = self.own(target, search)
        return None if found is None or module in self.reach(target, search) else found

    def reach(self, module: str, search: Search) -> frozenset[str]:
        """Every first-party module that running `module` may run (any import at module level,
        guarded or conditional, and the packages on the way), its own ancestors left out."""
        key = (module, search)
        if key not in self._reach:
            seen: set[str] = set()
            todo = [module]
            while todo:
                for target in self._imported_by(todo.pop(), search):
                    for prefix in prefixes(target):
                        if prefix not in seen and not _within(prefix, module):
                            seen.add(prefix)
                            todo.append(prefix)
            self._reach[key] = frozenset(seen)
        return self._reach[key]

    def _imported_by(self, module: str, search: Search) -> list[str]:
        loc = self.finder.find_module(module, search)
        if loc is None or not loc.file or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE):
            return []
        summary = self.store.summary(loc)
        pairs = [(target, name) for target, names, *_ in summary.imports for name in names or [""]]
        pairs += [(origin[0], origin[1]) for origin in summary.origins.values()]
        found: list[str] = []
        for target, name in pairs:
            if target and self.finder.is_first_party(target.split(".")[0], search):
                found.append(target)
                if name and self.finder.find_module(f"{target}.{name}", search) is not None:
                    found.append(f"{target}.{name}")
        return found
