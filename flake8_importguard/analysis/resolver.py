"""Verdicts: does a first-party module, or a name in it, exist?

Every answer is one of three verdicts. UNKNOWN means "cannot be sure" and is always silent.
Names are listed from the summaries (stdlib ast); a computed `__all__` is inferred by
inference.py, the only user of astroid, unless it is a sum of literal lists and other modules'
`__all__` (`_all_sum`: added up from their summaries). Nothing of the project is ever imported.
"""
from __future__ import annotations

import os
import sys
import types
from typing import Any

from flake8_importguard.base.model import Missing, Resolution, SymbolKind, Verdict
from flake8_importguard.base.record import Memo
from flake8_importguard.index.cache import NoCache
from flake8_importguard.index.finder import NO_SOURCE, Finder, LocKind, ModuleLoc
from flake8_importguard.index.inference import AllInference
from flake8_importguard.index.layout import Layout
from flake8_importguard.index.runtime import may_key
from flake8_importguard.index.store import SummaryStore
from flake8_importguard.index.summary import ModuleSummary

EXISTS = Resolution(Verdict.EXISTS)
UNKNOWN = Resolution(Verdict.UNKNOWN)
_SUBMODULE_ONLY = Resolution(Verdict.EXISTS)  # compared by identity: a package's submodule, not a binding
_NOT_A_SUM = object()  # Resolver._all_sum: astroid must infer it
# What every module object has before its first statement runs (the import system sets them, and
# the module type's own: `from jedi import __doc__`), by kind; a package's `__path__` besides
_EVERY_MODULE = frozenset(dir(types.ModuleType)) | {"__name__", "__doc__", "__package__", "__loader__", "__spec__",
                                                    "__file__"}
_MODULE_ATTRIBUTES = {LocKind.MODULE: _EVERY_MODULE | {"__builtins__", "__cached__"},
                      LocKind.PACKAGE: _EVERY_MODULE | {"__builtins__", "__cached__", "__path__"},
                      LocKind.NAMESPACE: _EVERY_MODULE | {"__path__"}}


def module_attribute(loc: ModuleLoc, name: str) -> bool:
    """Is `name` set on the module object itself, before its first statement runs (so also while
    it is partly initialised, in a cycle)?"""
    return name in _MODULE_ATTRIBUTES.get(loc.kind, ())


class Resolver:
    def __init__(self, layout: Layout, finder: Finder, store: SummaryStore, cache: NoCache) -> None:
        self.layout, self.finder, self.store, self.cache = layout, finder, store, cache
        self.inference = AllInference(layout, finder, store)
        self._all_cache: Memo[str, frozenset[str] | None] = Memo(store.recorder)  # replays what it read
        self._modules: Memo[tuple[tuple[str, ...], str], Resolution] = Memo(store.recorder)

    # -- modules ----------------------------------------------------------------------------------
    def resolve_module(self, dotted: str, search: tuple[str, ...]) -> Resolution:
        """EXISTS / MISSING / UNKNOWN for a first-party module; UNKNOWN for anything else. Kept
        for the session with what it read (every test file and chain asks the same modules)."""
        return self._modules.get((search, dotted), lambda: self._resolve_module(dotted, search))

    def _resolve_module(self, dotted: str, search: tuple[str, ...]) -> Resolution:
        parts = dotted.split(".")
        where = self._search_for(parts[0], search) if dotted else None
        if where is None:
            return UNKNOWN
        parent: ModuleLoc | None = None
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            loc = self.finder.find_module(prefix, where)
            if loc is None:
                if where is not search:
                    return UNKNOWN  # a third-party module's existence is the environment's business
                return self._missing_module(parent, prefix, dotted, search)
            if loc.kind is LocKind.STUB_ONLY:
                return UNKNOWN  # a stub without source: generated or built at install time
            parent = loc
        return EXISTS

    def _search_for(self, top: str, search: tuple[str, ...]) -> tuple[str, ...] | None:
        """Where to look for a top-level name: the project, installed packages (on request), or nowhere."""
        if self.finder.is_first_party(top, search):
            return search
        if self.layout.settings.third_party and top not in sys.stdlib_module_names:
            return self.layout.external_path
        return None

    def _missing_module(self, parent: ModuleLoc | None, prefix: str, dotted: str,
                        search: tuple[str, ...]) -> Resolution:
        missing = Resolution(Verdict.MISSING, dotted, Missing.NO_MODULE)
        if parent is None:
            return missing  # a configured first-party name with no source at all
        if self.layout.packaging.may_be_built(prefix, parent.dirs):
            return UNKNOWN  # made by a build step (`_speedups.c`, a generated `_version.py`)
        if parent.kind in (LocKind.EXTENSION, LocKind.BYTECODE, LocKind.UNREADABLE):
            return UNKNOWN  # compiled, or a directory that cannot be listed may hold the submodule
        if parent.kind is LocKind.NAMESPACE:
            if not self.closed(parent, search):
                return UNKNOWN
            return self._case(missing, parent, prefix)
        summary = self.store.summary(parent)
        # a module __getattr__ answers attribute access only: `import pkg.sub` asks it nothing but a
        # plain module's `__path__`; what a function of it may do once called (waitress's `serve()`
        # hands globals() to a profiler) does not make its submodules
        dynamic = summary.dynamic_at_import and summary.dynamic_at_import != "module __getattr__"
        if summary.error or summary.registers_modules or may_key(summary.registered, dotted) or \
                summary.path_dynamic or dynamic:
            return UNKNOWN
        if parent.kind is LocKind.MODULE:
            if summary.dynamic == "module __getattr__" and summary.serves_path:
                return UNKNOWN  # the import asks it for `__path__` (dask.ml forwards every name to dask_ml)
            return Resolution(Verdict.MISSING, dotted, Missing.NOT_A_PACKAGE)
        return self._case(missing, parent, prefix)

    def _case(self, missing: Resolution, parent: ModuleLoc, prefix: str) -> Resolution:
        """A missing module whose file is there under another case is said to be so."""
        if self.finder.case_twin(parent.dirs, prefix.rpartition(".")[2]):
            return Resolution(Verdict.MISSING, missing.module, Missing.CASE)
        return missing

    def case_twin(self, dotted: str, search: tuple[str, ...]) -> str:
        """The file that is there, in another case, for the missing module `dotted` ("" if none)."""
        head, _, last = dotted.rpartition(".")
        parent = self.finder.find_module(head, search) if head else None
        return self.finder.case_twin(parent.dirs, last) if parent is not None else ""

    def closed(self, loc: ModuleLoc, search: tuple[str, ...]) -> bool:
        """Can nothing but these directories add to the namespace `loc`? True inside a regular
        package whose `__path__` nothing changes (no other distribution can share it); for a
        namespace of namespaces, when no installed or declared distribution may share it. Not
        when it holds an `__init__` of another kind (`__init__.pyi`, `.pyx`): a build may make
        the package."""
        if any(entry.startswith("__init__.") for directory in loc.dirs for entry in self.finder.listing(directory)):
            return False
        head = loc.name.rpartition(".")[0]
        while head:
            parent = self.finder.find_module(head, search)
            if parent is None or parent.kind not in (LocKind.PACKAGE, LocKind.NAMESPACE):
                return False
            if parent.kind is LocKind.PACKAGE:
                summary = self.store.summary(parent)
                dynamic = summary.dynamic and summary.dynamic != "module __getattr__"
                inside = f"{loc.name}."
                registers = summary.registers_modules or any(
                    inside.startswith(prefix) or prefix.startswith(inside) for prefix in summary.registered)
                return not (summary.error or summary.path_dynamic or registers or dynamic)
            head = head.rpartition(".")[0]
        return self.finder.namespace_is_ours(loc)

    # -- names ------------------------------------------------------------------------------------
    def locate(self, dotted: str, search: tuple[str, ...]) -> ModuleLoc | None:
        """Where a first-party (or, on request, installed) module is; None when it is not."""
        where = self._search_for(dotted.split(".")[0], search)
        return None if where is None else self.finder.find_module(dotted, where)

    def resolve_name(self, dotted: str, name: str, search: tuple[str, ...], served: bool = True) -> Resolution:
        """Does the module define `name`? `served=False`: its module `__getattr__` is not bound
        yet (a partly initialised module, in a cycle, before the line that binds it)."""
        where = self._search_for(dotted.split(".")[0], search)
        loc = None if where is None else self.finder.find_module(dotted, where)
        if where is None or loc is None:
            return UNKNOWN
        if module_attribute(loc, name):
            return EXISTS
        result = self._has(loc, name, where, set(), served=served)
        if result.verdict is Verdict.MISSING:
            return Resolution(Verdict.MISSING, dotted, result.reason)
        return result

    def _has(self, loc: ModuleLoc, name: str, search: tuple[str, ...], seen: set[str], by_star: bool = False,
             served: bool = True) -> Resolution:
        """`seen` holds every module already searched for `name` in this question: each module is
        searched once, however many star imports lead to it (a lattice of them is not exponential).
        `by_star`: is `name` in the module's namespace, as a star import without `__all__` copies it?
        Such an import asks a module `__getattr__` for `__all__` only, never for `name`. `served`:
        may the module's own `__getattr__` answer (False: it is not bound yet)."""
        if loc.kind in NO_SOURCE:
            return UNKNOWN
        if self.finder.submodule(loc, name) is not None:
            return _SUBMODULE_ONLY
        if loc.kind is LocKind.NAMESPACE:
            ours = self.closed(loc, search) and not self.store.written_into(loc.name, name) \
                and not self._built(loc, name)
            return Resolution(Verdict.MISSING, reason=Missing.NO_NAME) if ours else UNKNOWN
        summary = self.store.summary(loc)
        if summary.error:
            return UNKNOWN
        if name in summary.names or name in (summary.lazy or ()) and served and not by_star:
            return EXISTS
        # `from m import x` falls back to sys.modules["m.x"], which the module may have written
        bounded = summary.dynamic == "module __getattr__" and (
            not served or (not summary.serves_all if by_star else summary.lazy is not None))
        unknown = bool(summary.dynamic) and not bounded or summary.registers_modules or may_key(
            summary.registered, f"{loc.name}.{name}") or (
            loc.kind is LocKind.PACKAGE and summary.path_dynamic) or self.handed_over(summary, search)
        seen.add(loc.name)
        for star in summary.stars:
            verdict = self._star_exports(star, name, search, seen)
            if verdict.verdict is Verdict.EXISTS:
                return EXISTS
            unknown = unknown or verdict.verdict is Verdict.UNKNOWN
        # CPython imports the .py, not the stub beside it: a name only the stub declares is gone,
        # unless a build may put a compiled module in front of the .py
        stub = name in self.store.stub_names(loc) and self._built_over(loc)
        if unknown or stub or self.store.written_into(loc.name, name) or self.frames_written(summary, search) \
                or self.handed_to_writer(summary, name, search) \
                or loc.kind is LocKind.PACKAGE and self._built(loc, name):
            return UNKNOWN
        if name in summary.type_checking:
            return Resolution(Verdict.MISSING, reason=Missing.TYPE_CHECKING)
        return Resolution(Verdict.MISSING, reason=Missing.NO_NAME)

    def _built(self, package: ModuleLoc, name: str) -> bool:
        """May a build make the package's submodule `name` (its `.pyx` or `.c` there, or the
        packaging naming its file; pyximport compiles a `.pyx` as it is imported: falcon's tests)?"""
        return self.layout.packaging.may_be_built(f"{package.name}.{name}", package.dirs)

    def _built_over(self, loc: ModuleLoc) -> bool:
        """May a build put a compiled module in front of the source CPython imports now (its
        `.pyx` or `.c` beside it, or the packaging naming its file)? Its stub may describe that one."""
        directory, filename = os.path.split(loc.file)
        stem = filename[:-len(".py")]
        if any(entry.startswith(stem + ".") and not entry.endswith((".py", ".pyi", ".pyc"))
               for entry in self.finder.listing(directory)):
            return True
        return loc.kind is LocKind.MODULE and any(filename in text for text in self.layout.packaging.texts())

    def handed_over(self, summary: ModuleSummary, search: tuple[str, ...]) -> bool:
        """Does the module hand its `__name__` to first-party code that writes sys.modules
        (celery's `recreate_module(__name__, ...)`)? Then the module may be replaced as it runs."""
        for function in summary.hands_name:
            found = self._defined_in(function, search)
            written = self.store.summary(found[0]) if found is not None else None
            if written is not None and (written.registers_modules or written.registered):  # the name may be one
                return True
        return False

    def handed_to_writer(self, summary: ModuleSummary, name: str, search: tuple[str, ...]) -> bool:
        """Does the module hand itself (`find_current_module()`, `importlib.import_module(__name__)`),
        or a class it defines, to a first-party function that sets `name`, or computed names, on what
        it is handed or on that class's module (astropy.constants: `_utils._set_c(codata, iaudata,
        find_current_module())` binds `c`, `h`, `G`, ...; matplotlib's `@_Backend.export` binds
        `FigureCanvas`)?"""
        for function in summary.hands_name:
            found = self._defined_in(function, search)
            if found is not None and any(writer == found[1] and written in ("*", name)
                                         for writer, written in self.store.summary(found[0]).namespace_writers):
                return True
        return False

    def _defined_in(self, function: str, search: tuple[str, ...]) -> tuple[ModuleLoc, str] | None:
        """The first-party source module a dotted function handed something is defined in, and its
        name there (`Class.method` too): the longest prefix that is a module with source."""
        parts = function.split(".")
        if not self.finder.is_first_party(parts[0], search):
            return None
        for i in range(len(parts) - 1, 0, -1):
            loc = self.finder.find_module(".".join(parts[:i]), search)
            if loc is not None and loc.file:
                return (loc, ".".join(parts[i:])) if loc.kind in (LocKind.MODULE, LocKind.PACKAGE) else None
        return None

    def frames_written(self, summary: ModuleSummary, search: tuple[str, ...]) -> bool:
        """Does the module import a first-party function that writes its caller's namespace
        through a frame (anyio's `install_lazy_importer()`: a `__getattr__` the source never
        binds), or a module that has one? Asked only where a name would be missing (most modules
        import many names, and most projects have no such function)."""
        imported = [*summary.origins.values(), *([row.module, name] for row in summary.imports
                                                 for name in row.names or [""])]
        return any(self._writes_frames(origin, search) for origin in imported)

    def _writes_frames(self, origin: list[str], search: tuple[str, ...]) -> bool:
        """Is the imported [module, name] a first-party function that writes its caller's
        namespace, or a first-party module that has one (`from app import _lazy as lazy`)?"""
        module, name = origin
        for dotted, function in ((module, name), (f"{module}.{name}" if module and name else "", "")):
            if not dotted or not self.finder.is_first_party(dotted.split(".")[0], search):
                continue
            loc = self.finder.find_module(dotted, search)
            if loc is not None and loc.file and loc.kind in (LocKind.MODULE, LocKind.PACKAGE):
                writers = self.store.summary(loc).frame_writers
                if writers and (not function or function in writers):
                    return True
        return False

    def registers_ours(self, summary: ModuleSummary, search: tuple[str, ...]) -> bool:
        """May the module write sys.modules under the name of a first-party module (a key that may be
        any name; one whose top-level package is ours; one that a top-level name of the search path
        may complete: `sys.modules[f"_tmpl_{id(self):x}"]` names none of them)?"""
        if summary.registers_modules:
            return True
        for prefix in summary.registered:
            top, dot, _ = prefix.partition(".")
            if dot and self.finder.is_first_party(top, search):
                return True
            if not dot and (any(name.startswith(prefix) for name in self.layout.settings.first_party) or any(
                    entry.startswith(prefix) for directory in search for entry in self.finder.listing(directory))):
                return True
        return False

    def first_unbound(self, loc: ModuleLoc, summary: ModuleSummary, search: tuple[str, ...]) -> list[Any] | None:
        """[name, line] of the first read that surely raises NameError when the module runs
        (summary.unbound: a name it binds nowhere, read by code that always runs), None when there
        is none: not when a star import may bind anything, code may change its namespace, a
        first-party module sets the name on it or in the builtins, or (a package) the name is a
        submodule's, which CPython sets on the package when it is imported."""
        if not summary.unbound or summary.stars or summary.error or summary.dynamic_at_import not in (
                "", "module __getattr__") \
                or self.frames_written(summary, search):
            return None
        for read in summary.unbound:
            name = read[0]
            if loc.kind is LocKind.PACKAGE and self.finder.submodule(loc, name) is not None:
                continue
            if self.sets_name(loc.name, name):
                continue
            return read
        return None

    def sets_name(self, module: str, name: str) -> bool:
        """Does first-party code set `name` on `module` or in `builtins` (`builtins.X = ...`): a read
        of it there may find it, though the module never binds it?"""
        return self.store.written_into(module, name) or self.store.written_into("builtins", name)

    def star_gap(self, dotted: str, search: tuple[str, ...]) -> str:
        """The first name the literal `__all__` of `dotted` lists that the complete module does
        not define (nor a submodule of that name, which the star import loads): `from dotted
        import *` raises AttributeError on it. "" when there is none, or nobody can say."""
        loc = self.locate(dotted, search)
        if loc is None or not loc.file or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE):
            return ""
        summary = self.store.summary(loc)
        if summary.error or summary.all_names is None or summary.all_unknown or summary.all_conditional:
            return ""  # no `__all__` (the public names are copied), or one changed in ways nobody follows
        if summary.all_inferred:
            missing = self.summed_gaps(dotted, loc, search)
            return missing[0] if missing is not None and len(missing) == 1 else ""
        for name in summary.all_names:
            if self.resolve_name(dotted, name, search).verdict is Verdict.MISSING:
                return name
        return ""

    def summed_gaps(self, dotted: str, loc: ModuleLoc, search: tuple[str, ...]) -> list[str] | None:
        """For an `__all__` built as a sum of other modules' (summary.all_sum): the names it lists
        that the complete module does not define, sorted (a set: which one a star import meets
        first is not known when there are several); None for any other `__all__`."""
        summary = self.store.summary(loc)
        if summary.all_from is None or summary.all_unknown or summary.all_conditional:
            return None
        listed = self.all_names(loc)
        if listed is None:
            return None
        return sorted(name for name in listed if self.resolve_name(dotted, name, search).verdict is Verdict.MISSING)

    def star_binds(self, target: str, name: str, search: tuple[str, ...]) -> Verdict:
        """Does `from target import *` bind `name` (target complete)?"""
        if not self.finder.is_first_party(target.split(".")[0], search):
            return Verdict.UNKNOWN
        return self._star_exports(target, name, search, set()).verdict

    def _star_exports(self, target: str, name: str, search: tuple[str, ...], seen: set[str]) -> Resolution:
        """Does `from target import *` bind `name`?"""
        if not target or target in seen:
            return UNKNOWN if not target else Resolution(Verdict.MISSING)
        if not self.finder.is_first_party(target.split(".")[0], search):
            return UNKNOWN  # third-party or standard library: not followed
        loc = self.finder.find_module(target, search)
        if loc is None or loc.kind in NO_SOURCE:
            return UNKNOWN
        exported = self.all_names(loc)
        if exported is None and loc.kind is not LocKind.NAMESPACE and self.store.summary(loc).all_names is not None:
            return UNKNOWN  # __all__ exists but cannot be known
        if exported is not None:
            if name in exported:
                return EXISTS
            if not self.store.summary(loc).all_conditional:
                return Resolution(Verdict.MISSING)
        if loc.kind is not LocKind.NAMESPACE and self.store.summary(loc).serves_all:
            return UNKNOWN  # with no `__all__` bound, its `__getattr__` may answer one
        if name.startswith("_"):
            return Resolution(Verdict.MISSING)
        found = self._has(loc, name, search, seen, by_star=True)
        if found is _SUBMODULE_ONLY:
            return UNKNOWN  # a package's submodule is bound only if something imported it first
        return found

    def all_names(self, loc: ModuleLoc) -> frozenset[str] | None:
        """The names `__all__` lists; None when there is no __all__ or it cannot be known."""
        if loc.kind is LocKind.NAMESPACE or not loc.file:
            return None
        summary = self.store.summary(loc)
        if summary.error or summary.all_names is None or summary.all_unknown:
            return None
        if not summary.all_inferred:
            return frozenset(summary.all_names)

        def infer() -> frozenset[str] | None:
            summed = self._all_sum(loc, summary)
            if summed is not _NOT_A_SUM:
                return summed  # type: ignore[return-value]
            inferred = self.cache.inferred_all(loc.file, lambda: self.inference.infer_all(loc, self.all_names))
            return None if inferred is None else frozenset(inferred) | frozenset(summary.all_names or ())

        return self._all_cache.get(loc.file, infer)  # a cycle of borrowed __all__ values is unknown (None)

    def _all_sum(self, loc: ModuleLoc, summary: ModuleSummary) -> frozenset[str] | None | object:
        """`__all__ = _starred.__all__ + ["x"]` (summary.all_sum) from the summaries alone: what
        astroid infers of it, without building a module; `_NOT_A_SUM` when a name added is not a
        module the module imports once, by a plain import."""
        if summary.all_from is None or not loc.file:
            return _NOT_A_SUM
        names = {*(summary.all_names or ()), *summary.all_added}
        search = self.layout.search_path(loc.file)
        for local in summary.all_from:
            origin = summary.origins.get(local)
            if summary.names.get(local) != SymbolKind.IMPORT or not origin or local in summary.rebound \
                    or local in summary.sometimes:
                return _NOT_A_SUM
            other = self.finder.find_module(f"{origin[0]}.{origin[1]}" if origin[1] else origin[0], search)
            if other is None or other.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not other.file:
                return _NOT_A_SUM
            borrowed = self.all_names(other)
            if borrowed is None:
                return None
            names |= borrowed
        return frozenset(names)
