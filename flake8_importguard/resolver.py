"""The only module that imports astroid: does a first-party module, or a name in it, exist?

Every answer is one of three verdicts. UNKNOWN means "cannot be sure" and is always silent.
Names are listed from the project index's summaries (stdlib ast); astroid is asked only
where inference is needed: an `__all__` that is computed rather than written out.
Nothing of the project is ever imported: astroid gets first-party modules handed to it from
their files, never loads compiled extensions, and never searches sys.path for them.
"""
from __future__ import annotations

import importlib.machinery
import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.model import Resolution, Verdict
from flake8_importguard.project import (
    BYTECODE, EXTENSION, MODULE, NAMESPACE, PACKAGE, STUB_ONLY, UNREADABLE, ModuleLoc, ProjectIndex, cached_listdir,
    find_in,
)

EXISTS = Resolution(Verdict.EXISTS)
UNKNOWN = Resolution(Verdict.UNKNOWN)
_SUBMODULE_ONLY = Resolution(Verdict.EXISTS, reason="submodule")
_GROWERS = {"append", "extend", "insert", "__iadd__", "__setitem__"}

if TYPE_CHECKING:
    from astroid import nodes


def _astroid():  # imported when inference is needed: most runs never need it
    import astroid
    from astroid import nodes

    return astroid, nodes

_astroid_owner: list[str] = [""]  # which project's modules astroid's global cache holds


class Resolver:
    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self._all_cache: dict[str, frozenset[str] | None] = {}
        self._writes: set[tuple[str, str]] | None = None
        self._external: dict[str, bool] = {}

    # -- modules ------------------------------------------------------------------------------
    def resolve_module(self, dotted: str, search: tuple[str, ...]) -> Resolution:
        """EXISTS / MISSING / UNKNOWN for a first-party module; UNKNOWN for anything else."""
        parts = dotted.split(".")
        where = self._search_for(parts[0], search) if dotted else None
        if where is None:
            return UNKNOWN
        parent: ModuleLoc | None = None
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            loc = self.index.find_module(prefix, where)
            if loc is None:
                if where is not search:
                    return UNKNOWN  # a third-party module's existence is the environment's business
                return self._missing_module(parent, prefix, dotted)
            if loc.kind == STUB_ONLY:
                return UNKNOWN  # a stub without source: generated or built at install time
            parent = loc
        return EXISTS

    def _search_for(self, top: str, search: tuple[str, ...]) -> tuple[str, ...] | None:
        """Where to look for a top-level name: the project, installed packages (on request), or nowhere."""
        if self.index.is_first_party(top, search):
            return search
        if self.index.settings.third_party and top not in sys.stdlib_module_names:
            return self.index.external_path
        return None

    def _missing_module(self, parent: ModuleLoc | None, prefix: str, dotted: str) -> Resolution:
        missing = Resolution(Verdict.MISSING, dotted, "no-module")
        if parent is None:
            return missing  # a configured first-party name with no source at all
        if self.index.may_be_built(prefix, parent.dirs):
            return UNKNOWN  # made by a build step (`_speedups.c`, a generated `_version.py`)
        if parent.kind in (EXTENSION, BYTECODE):
            return UNKNOWN
        if parent.kind == UNREADABLE:
            return UNKNOWN  # a directory that cannot be listed may hold the submodule
        if parent.kind == NAMESPACE:
            return missing if self._namespace_is_ours(parent) else UNKNOWN
        summary = self.index.summary(parent)
        # a module __getattr__ answers attribute access only: `import pkg.sub` never asks it
        dynamic = summary.dynamic and summary.dynamic != "module __getattr__"
        if summary.error or summary.registers_modules or summary.path_dynamic or dynamic:
            return UNKNOWN
        if parent.kind == MODULE:
            return Resolution(Verdict.MISSING, dotted, "not-a-package")
        return missing

    def _namespace_is_ours(self, loc: ModuleLoc) -> bool:
        """A namespace portion is wholly ours when it holds modules of its own, no dependency the
        project declares may share it, and nothing installed outside the project adds to it."""
        if not any(
            entry.endswith(".py") for directory in loc.dirs for entry in cached_listdir(directory)
        ):
            return False  # a bare container such as `google/`: other distributions share it
        top = loc.name.split(".")[0]
        if self.index.shares_namespace(top):
            return False  # a declared dependency may add portions to it
        if top not in self._external:
            outside = [p for p in sys.path if p and os.path.realpath(p) not in self.index.source_roots]
            try:
                spec = importlib.machinery.PathFinder.find_spec(top, outside)
            except (ImportError, ValueError, OSError):
                spec = None
            self._external[top] = spec is not None
        return not self._external[top]

    # -- names --------------------------------------------------------------------------------
    def locate(self, dotted: str, search: tuple[str, ...]) -> ModuleLoc | None:
        """Where a first-party (or, on request, installed) module is; None when it is not."""
        where = self._search_for(dotted.split(".")[0], search)
        return None if where is None else self.index.find_module(dotted, where)

    def resolve_name(self, dotted: str, name: str, search: tuple[str, ...]) -> Resolution:
        where = self._search_for(dotted.split(".")[0], search)
        loc = None if where is None else self.index.find_module(dotted, where)
        if where is None or loc is None:
            return UNKNOWN
        result = self._has(loc, name, where, set())
        if result.verdict is Verdict.MISSING:
            return Resolution(Verdict.MISSING, dotted, result.reason)
        return result

    def _has(self, loc: ModuleLoc, name: str, search: tuple[str, ...], seen: set[str]) -> Resolution:
        """`seen` holds every module already searched for `name` in this question: each module is
        searched once, however many star imports lead to it (a lattice of them is not exponential)."""
        if loc.kind in (EXTENSION, BYTECODE, STUB_ONLY, UNREADABLE):
            return UNKNOWN
        if loc.kind in (PACKAGE, NAMESPACE) and find_in(loc.dirs, name, f"{loc.name}.{name}") is not None:
            return _SUBMODULE_ONLY
        if loc.kind == NAMESPACE:
            ours = self._namespace_is_ours(loc) and not self._written_into(loc.name, name)
            return Resolution(Verdict.MISSING, reason="no-name") if ours else UNKNOWN
        summary = self.index.summary(loc)
        if summary.error:
            return UNKNOWN
        if name in summary.names:
            return EXISTS
        # `from m import x` falls back to sys.modules["m.x"], which the module may have written
        unknown = bool(summary.dynamic) or summary.registers_modules or (loc.kind == PACKAGE and summary.path_dynamic)
        seen.add(loc.name)
        for star in summary.stars:
            verdict = self._star_exports(star, name, search, seen)
            if verdict.verdict is Verdict.EXISTS:
                return EXISTS
            unknown = unknown or verdict.verdict is Verdict.UNKNOWN
        if unknown or name in self.index.stub_names(loc) or self._written_into(loc.name, name):
            return UNKNOWN
        if name in summary.type_checking:
            return Resolution(Verdict.MISSING, reason="type-checking")
        return Resolution(Verdict.MISSING, reason="no-name")

    def _written_into(self, module: str, name: str) -> bool:
        """Does any first-party module (conftest.py included) set `name` on `module` when it runs?"""
        if self._writes is None:
            self._writes = set()
            for other, path in self.index.all_modules():
                kind = PACKAGE if os.path.basename(path) == "__init__.py" else MODULE
                self._writes.update((m, n) for m, n in self.index.summary(ModuleLoc(other, kind, path)).writes)
        return (module, name) in self._writes or (module, "*") in self._writes

    def _star_exports(self, target: str, name: str, search: tuple[str, ...], seen: set[str]) -> Resolution:
        """Does `from target import *` bind `name`?"""
        if not target or target in seen:
            return UNKNOWN if not target else Resolution(Verdict.MISSING)
        if not self.index.is_first_party(target.split(".")[0], search):
            return UNKNOWN  # third-party or standard library: not followed
        loc = self.index.find_module(target, search)
        if loc is None or loc.kind in (EXTENSION, BYTECODE, STUB_ONLY, UNREADABLE):
            return UNKNOWN
        exported = self.all_names(loc)
        if exported is None and loc.kind != NAMESPACE and self.index.summary(loc).all_names is not None:
            return UNKNOWN  # __all__ exists but cannot be known
        if exported is not None:
            if name in exported:
                return EXISTS
            if not self.index.summary(loc).all_conditional:
                return Resolution(Verdict.MISSING)
        if name.startswith("_"):
            return Resolution(Verdict.MISSING)
        found = self._has(loc, name, search, seen)
        if found is _SUBMODULE_ONLY:
            return UNKNOWN  # a package's submodule is bound only if something imported it first
        return found

    # -- __all__ ------------------------------------------------------------------------------
    def all_names(self, loc: ModuleLoc) -> frozenset[str] | None:
        """The names `__all__` lists; None when there is no __all__ or it cannot be known."""
        if loc.kind == NAMESPACE or not loc.file:
            return None
        summary = self.index.summary(loc)
        if summary.error or summary.all_names is None or summary.all_unknown:
            return None
        if not summary.all_inferred:
            return frozenset(summary.all_names)
        if loc.file not in self._all_cache:
            self._all_cache[loc.file] = None  # a cycle of borrowed __all__ values is unknown
            inferred = self.index.cache.inferred_all(loc.file, lambda: self._infer_all(loc))
            self._all_cache[loc.file] = (
                None if inferred is None else frozenset(inferred) | frozenset(summary.all_names)
            )
        return self._all_cache[loc.file]

    def _infer_all(self, loc: ModuleLoc) -> tuple[list[str] | None, list[str]]:
        """The names a computed __all__ holds (None: unknown), and every first-party file astroid
        read for them (what the cached answer depends on)."""
        astroid, nodes = _astroid()
        root = self.index.root + os.sep
        read: list[str] = []
        try:
            with _sealed_astroid(self.index):
                if _astroid_owner[0] != self.index.root:
                    astroid.MANAGER.clear_cache()  # inside: the brains it re-registers add hooks again
                    _astroid_owner[0] = self.index.root
                module = self._astroid_module(loc, depth=3)
                read = [m.file for m in list(astroid.MANAGER.astroid_cache.values())
                        if m.file and os.path.isabs(m.file) and os.path.realpath(m.file).startswith(root)]
                values: set[str] = set()
                for inferred in module.igetattr("__all__"):
                    if not isinstance(inferred, (nodes.List, nodes.Tuple)):
                        return None, read
                    for element in inferred.elts:
                        if not (isinstance(element, nodes.Const) and isinstance(element.value, str)):
                            return None, read
                        values.add(element.value)
                inputs = self._all_inputs(module, loc)
                if any(attr != "__all__" and self._grows(source, attr) for source, attr in inputs):
                    return None, read  # astroid does not see a list grow after its assignment
        except (astroid.AstroidError, RecursionError, SyntaxError, ValueError, OSError):
            return None, read
        for source, attr in inputs:  # another module's __all__ is read whole: appends included
            other = self.index.find_module(source, self.index.search_path(loc.file))
            extra = self.all_names(other) if attr == "__all__" and other is not None else frozenset()
            if extra is None:
                return None, read
            values |= extra
            if other is not None and other.file:
                read.append(other.file)
        return sorted(values), read

    def _all_inputs(self, module: nodes.Module, loc: ModuleLoc) -> set[tuple[str, str]]:
        """(module, name) of every variable read by the values assigned to __all__."""
        _, nodes = _astroid()
        origins = self.index.summary(loc).origins
        inputs: set[tuple[str, str]] = set()
        for assign in module.nodes_of_class((nodes.Assign, nodes.AugAssign, nodes.AnnAssign)):
            targets = assign.targets if isinstance(assign, nodes.Assign) else [assign.target]
            if assign.value is None or not any(getattr(t, "name", "") == "__all__" for t in targets):
                continue
            for node in assign.value.nodes_of_class((nodes.Name, nodes.Attribute)):
                if isinstance(node, nodes.Name):
                    source, attr = origins.get(node.name) or [loc.name, node.name]
                    if attr and (source, attr) != (loc.name, "__all__"):
                        inputs.add((source, attr))
                elif isinstance(node.expr, nodes.Name) and node.expr.name in origins:
                    source, attr = origins[node.expr.name]
                    inputs.add((f"{source}.{attr}" if attr else source, node.attrname))
        return inputs

    @staticmethod
    def _grows(source: str, name: str) -> bool:
        """Does module `source` (as astroid holds it) add to its list `name` after assigning it?"""
        astroid, nodes = _astroid()
        module = astroid.MANAGER.astroid_cache.get(source)
        if module is None:
            return False  # not handed over: astroid did not read it either
        for call in module.nodes_of_class(nodes.Call):
            func = call.func
            if isinstance(func, nodes.Attribute) and func.attrname in _GROWERS \
                    and isinstance(func.expr, nodes.Name) and func.expr.name == name:
                return True
        return any(aug.target.name == name and aug.scope() is not module
                   for aug in module.nodes_of_class(nodes.AugAssign) if isinstance(aug.target, nodes.AssignName))

    def _astroid_module(self, loc: ModuleLoc, depth: int) -> nodes.Module:
        """Build `loc` in astroid's cache, with the first-party modules it imports, from files."""
        astroid, nodes = _astroid()

        manager = astroid.MANAGER
        cached = manager.astroid_cache.get(loc.name)
        if cached is not None and cached.file == loc.file:
            return cached
        module = manager.ast_from_file(loc.file, loc.name, source=True)
        if depth == 0:
            return module
        search = self.index.search_path(loc.file)
        for node in module.nodes_of_class((nodes.Import, nodes.ImportFrom)):
            targets = []
            if isinstance(node, nodes.ImportFrom):
                base = module.relative_to_absolute_name(node.modname, node.level) if node.level else node.modname
                targets = [base] + [f"{base}.{n}" for n, _ in node.names if n != "*"]
            else:
                targets = [n for n, _ in node.names]
            for target in targets:
                if not target or not self.index.is_first_party(target.split(".")[0], search):
                    continue
                found = self.index.find_module(target, search)
                if found is not None and found.kind in (PACKAGE, MODULE) and found.file:
                    self._astroid_module(found, depth - 1)
        return module


class _NotHandedOver(set):
    """astroid's module deny-list while it infers for us: a first-party module that the resolver
    did not hand over is not looked for (another copy, e.g. an installed one, is another version)."""

    def __init__(self, index: ProjectIndex, cache: dict) -> None:
        super().__init__()
        self.index, self.cache = index, cache

    def __contains__(self, modname: object) -> bool:
        if not isinstance(modname, str) or modname in self.cache:
            return False
        return self.index.is_first_party(modname.split(".")[0], self.index.source_roots)


def _outside(index: ProjectIndex, entry: str) -> bool:
    """A sys.path entry astroid may search: absolute, and not the project or one of its source roots."""
    if not entry or not os.path.isabs(entry):
        return False  # "" and relative entries follow the current directory, which astroid changes
    real = os.path.realpath(entry)
    for mine in (index.root, *index.source_roots):
        if real == mine or real.startswith(mine + os.sep) and "site-packages" not in real.split(os.sep):
            return False
    return True


@contextmanager
def _sealed_astroid(index: ProjectIndex) -> Iterator[None]:
    """astroid for one inference, so that it reads only and runs nothing of the project.

    No compiled extension is loaded, not even an allow-listed one; no failed-import hook runs
    (astroid's gi brain imports modules to introspect them); sys.path holds no directory of the
    project and nothing relative (astroid changes the current directory), so what the resolver did
    not hand over is neither found in the project nor executed by importlib's find_spec of a parent;
    and a first-party module not handed over is not searched for at all. Everything is restored after:
    astroid's manager is a process-wide singleton.
    """
    astroid, _ = _astroid()
    manager = astroid.MANAGER
    brain = type(manager).brain
    saved_load, saved_allow = brain["always_load_extensions"], set(manager.extension_package_whitelist)
    saved_hooks, saved_path = list(manager._failed_import_hooks), list(sys.path)
    saved_deny = brain["module_denylist"]
    deny = _NotHandedOver(index, manager.astroid_cache)
    try:
        brain["always_load_extensions"] = False
        manager.extension_package_whitelist.clear()
        manager._failed_import_hooks.clear()
        sys.path[:] = [entry for entry in saved_path if _outside(index, entry)]
        brain["module_denylist"] = manager.module_denylist = deny
        yield
    finally:
        brain["always_load_extensions"] = saved_load
        manager.extension_package_whitelist.update(saved_allow)
        manager._failed_import_hooks[:] = saved_hooks
        sys.path[:] = saved_path
        brain["module_denylist"] = manager.module_denylist = saved_deny
