"""Does importing a first-party module fail because of an import it runs (IMG105)?

CPython imports `a.b.c` by running `a`, then `a.b`, then `a.b.c`, each from the top; a module
fails when one of the imports it runs unconditionally at module level fails, directly (the
module or name it imports is missing) or through the module it imports. The import graph is
the summaries' `imports` (runtime.runtime_imports); every verdict on a link is the resolver's.

A break found through another module counts only when that module cannot be in `sys.modules`
already when the link runs: a module that may import the importer back (a cycle) is partially
initialised then, or was completed by an earlier import in the same process (pytest imports
every test file in one), and the outcome depends on the order: this module leaves it alone (what
a fresh interpreter does there is fresh.py's answer). A direct break (the resolver's MISSING:
bound nowhere in the module) fails whatever the order.

Answers are kept per module and search path, once per session, with what they read (record.Memo):
the cost stays with the index, and the project graph knows which files a verdict rests on.
"""
from __future__ import annotations

from flake8_importguard.analysis.resolver import Resolver
from flake8_importguard.base.model import Cause, Missing, Verdict
from flake8_importguard.base.record import Memo
from flake8_importguard.base.syntax import prefixes
from flake8_importguard.index.finder import Finder, LocKind
from flake8_importguard.index.layout import Layout, Search
from flake8_importguard.index.store import SummaryStore


def _within(module: str, package: str) -> bool:
    """Is `module` the package itself or one of its ancestors (already running or run)?"""
    return package == module or package.startswith(module + ".")


class Chains:
    def __init__(self, layout: Layout, finder: Finder, store: SummaryStore, resolver: Resolver) -> None:
        self.layout, self.finder, self.store, self.resolver = layout, finder, store, resolver
        # kept with what they read, replayed on each use (record.Memo): a test file whose verdict
        # rests on a kept answer records the modules of its chain too (the project graph)
        self._own: Memo[tuple[str, Search], Cause | None] = Memo(store.recorder)
        self._reach: Memo[tuple[str, Search], frozenset[str]] = Memo(store.recorder)
        self._at: dict[tuple[str, Search], int] = {}  # a failing module -> the line of its import that fails

    def cause(self, module: str, search: Search) -> Cause | None:
        """Why a fresh `import module` surely fails through a first-party import it runs (the
        first such import, in the module that holds it); None when it works or nobody can say."""
        for prefix in prefixes(module):
            found = self.own(prefix, search)
            if found is not None:
                return None if self._bypassed(prefix, module, search) else found
        return None

    def _bypassed(self, failing: str, final: str, search: Search) -> bool:
        """Can `import final` skip the failing package `failing` (an ancestor of it)? CPython goes
        up from `final` only to the nearest package already in sys.modules: one that the failing
        package ran before it failed (or `final` itself) is found there, complete."""
        reach = self.reach(failing, search)
        return any(q in reach for q in prefixes(final) if len(q) > len(failing))

    def own(self, module: str, search: Search) -> Cause | None:
        """The first import the module's own code runs unconditionally that surely fails, its
        parent packages being imported already."""
        # a cycle gets None: the caller's link is never certain (see the module doc)
        return self._own.get((module, search), lambda: self._first_break(module, search), pending=None)

    def _first_break(self, module: str, search: Search) -> Cause | None:
        loc = self.finder.find_module(module, search)
        if loc is None or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not loc.file:
            return None  # a namespace runs nothing; compiled or missing modules are not ours to read
        summary = self.store.summary(loc)
        if summary.error:
            return None
        here = self.layout.relative(loc.file)
        stars = {(step[0], step[2]) for step in summary.steps if step[1] == ["*"]}
        unbound = self.resolver.first_unbound(loc, summary, search)
        for target, names, line, always in summary.imports:
            if unbound is not None and line > unbound[1]:
                break  # the read comes first
            if always and target and self.finder.is_first_party(target.split(".")[0], search):
                star = not names and (target, line) in stars
                if star:
                    names = self._star_submodules(target, search)
                found = self._link(module, Cause(here, line, target), names, search)
                if found is None and star:
                    found = self._star_gap(module, Cause(here, line, target), search)
                if found is not None:
                    self._at[(module, search)] = line
                    return found
        if unbound is not None:
            self._at[(module, search)] = unbound[1]
            return Cause(here, unbound[1], module, unbound[0], Missing.UNBOUND)
        return None

    def _star_gap(self, module: str, at: Cause, search: Search) -> Cause | None:
        """`from target import *` (`at`) where the target's `__all__` lists a name it does not
        define: AttributeError, when the target surely runs to its end first (not `module`, an
        ancestor of it, or a module that may run `module`: then it may be partly initialised)."""
        if _within(at.module, module) or module in self.reach(at.module, search):
            return None
        gap = self.resolver.star_gap(at.module, search)
        return Cause(at.file, at.line, at.module, gap, Missing.STAR_ALL) if gap else None

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
            deeper = self._through(module, prefix, search, at.module)
            if deeper is not None:
                return deeper
        for name in names:
            submodule = f"{at.module}.{name}"
            if self.finder.find_module(submodule, search) is not None:
                deeper = self._through(module, submodule, search, submodule)
                if deeper is not None:
                    return deeper
                continue
            found = self.resolver.resolve_name(at.module, name, search)
            if found.verdict is Verdict.MISSING:
                return Cause(at.file, at.line, at.module, name, found.reason or Missing.NO_NAME)
        return None

    def _star_submodules(self, target: str, search: Search) -> list[str]:
        """The submodules `from target import *` imports: those its `__all__` lists."""
        loc = self.finder.find_module(target, search)
        listed = self.resolver.all_names(loc) if loc is not None else None
        return sorted(n for n in listed or () if self.finder.find_module(f"{target}.{n}", search) is not None)

    def _through(self, module: str, target: str, search: Search, final: str) -> Cause | None:
        """A break inside `target`, which `module` runs by importing `final` (`target` itself or a
        module inside it); only when `target` surely runs from the top then: it is not `module` or
        an ancestor of it, and cannot run `module` (partly initialised) or `final` or a package
        between them (completed, so that a later import finds it in sys.modules) before it fails."""
        if _within(target, module) or self._own.running((target, search)):
            return None
        found = self.own(target, search)
        if found is None:
            return None
        if module in self.reach(target, search) or self._bypassed(target, final, search):
            return None
        return found

    def reach(self, module: str, search: Search) -> frozenset[str]:
        """Every first-party module that running `module` may run before it fails (or, if it does
        not, at all): any import at module level, guarded or conditional, the packages on the way,
        and what those run. `module`'s own ancestors count too: imported on its own after an
        earlier import left its parent in sys.modules, a module runs without them, and an import
        of theirs that it makes runs them then (while it is itself only partly initialised)."""
        return self._reach.get((module, search), lambda: self._reached(module, search))

    def _reached(self, module: str, search: Search) -> frozenset[str]:
        seen: set[str] = set()
        todo = [module]
        first = True
        while todo:
            current = todo.pop()
            for target in self._imported_by(current, search, self._at.get((module, search)) if first else None):
                for prefix in prefixes(target):
                    if prefix not in seen and prefix != module:
                        seen.add(prefix)
                        todo.append(prefix)
            first = False
        return frozenset(seen)

    def _imported_by(self, module: str, search: Search, before: int | None) -> list[str]:
        """The first-party modules an import at module level names (with the submodules a
        from-import names); with `before`, only the statements up to that line (an import under
        `try`, whose line the summary does not keep, counts as above it)."""
        loc = self.finder.find_module(module, search)
        if loc is None or not loc.file or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE):
            return []
        summary = self.store.summary(loc)
        pairs = [(target, name) for target, names, line, _ in summary.imports if before is None or line <= before
                 for name in names or [""]]
        listed = {(target, name) for target, names, *_ in summary.imports for name in names or [""]}
        pairs += [(o[0], o[1]) for o in summary.origins.values() if (o[0], o[1]) not in listed]
        found: list[str] = []
        for target, name in pairs:
            if target and self.finder.is_first_party(target.split(".")[0], search):
                found.append(target)
                if name and self.finder.find_module(f"{target}.{name}", search) is not None:
                    found.append(f"{target}.{name}")
        return found
