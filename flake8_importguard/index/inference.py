"""The only module that imports astroid: what a computed `__all__` holds, inferred in a seal
that keeps astroid from running, importing or even finding anything of the project that it was
not handed.

astroid's manager is a process-wide singleton with global caches and hooks; everything this
module changes on it is restored after each inference, and `_OWNER` records which AllInference
filled its cache: there is one per project and round of a session (a new run, a file checked
again), so that neither another project's modules of the same name nor a file as an earlier
round read it are ever used by a process that lives on.
"""
from __future__ import annotations

import os
import sys
import weakref
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator

from flake8_importguard.index.finder import Finder, LocKind, ModuleLoc
from flake8_importguard.index.layout import Layout
from flake8_importguard.index.store import SummaryStore

if TYPE_CHECKING:
    from astroid import nodes

_GROWERS = {"append", "extend", "insert", "__iadd__", "__setitem__"}
_OWNER: list[Callable[[], object]] = [lambda: None]  # a weak reference to the inference astroid's cache serves
AllOf = Callable[[ModuleLoc], "frozenset[str] | None"]


def _astroid() -> tuple[Any, Any]:  # imported when inference is needed: most runs never need it
    import astroid
    from astroid import nodes

    return astroid, nodes


class AllInference:
    """`__all__` values that need inference (a list built from other lists, another module's)."""

    def __init__(self, layout: Layout, finder: Finder, store: SummaryStore) -> None:
        self.layout, self.finder, self.store = layout, finder, store

    def infer_all(self, loc: ModuleLoc, all_of: AllOf) -> tuple[list[str] | None, list[str]]:
        """The names a computed __all__ holds (None: unknown), and every first-party file astroid
        read for them (what the cached answer depends on). `all_of` answers another module's
        `__all__` when this one borrows it whole."""
        astroid, nodes = _astroid()
        root = self.layout.root + os.sep
        read: list[str] = []
        try:
            with _sealed(self.layout, self.finder):
                if _OWNER[0]() is not self:
                    astroid.MANAGER.clear_cache()  # inside: the brains it re-registers add hooks again
                    _OWNER[0] = weakref.ref(self)
                module = self._module(loc, depth=3)
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
                inputs = self._inputs(module, loc)
                if any(attr != "__all__" and (_grows(source, attr) or _returned_by_call(source, attr))
                       for source, attr in inputs):
                    return None, read  # astroid does not see a list grow after its assignment
        except (astroid.AstroidError, RecursionError, SyntaxError, ValueError, OSError):
            return None, read
        for source, attr in inputs:  # another module's __all__ is read whole: appends included
            other = self.finder.find_module(source, self.layout.search_path(loc.file))
            extra = all_of(other) if attr == "__all__" and other is not None else frozenset()
            if extra is None:
                return None, read
            values |= extra
            if other is not None and other.file:
                read.append(other.file)
        return sorted(values), read

    def _inputs(self, module: nodes.Module, loc: ModuleLoc) -> set[tuple[str, str]]:
        """(module, name) of every variable read by the values assigned to __all__."""
        _, nodes = _astroid()
        origins = self.store.summary(loc).origins
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

    def _module(self, loc: ModuleLoc, depth: int) -> nodes.Module:
        """Build `loc` in astroid's cache, with the first-party modules it imports, from files."""
        astroid, nodes = _astroid()
        manager = astroid.MANAGER
        cached = manager.astroid_cache.get(loc.name)
        if cached is not None and cached.file == loc.file:
            return cached
        module = manager.ast_from_file(loc.file, loc.name, source=True)
        if depth == 0:
            return module
        search = self.layout.search_path(loc.file)
        for node in module.nodes_of_class((nodes.Import, nodes.ImportFrom)):
            if isinstance(node, nodes.ImportFrom):
                base = module.relative_to_absolute_name(node.modname, node.level) if node.level else node.modname
                targets = [base] + [f"{base}.{n}" for n, _ in node.names if n != "*"]
            else:
                targets = [n for n, _ in node.names]
            for target in targets:
                if not target or not self.finder.is_first_party(target.split(".")[0], search):
                    continue
                found = self.finder.find_module(target, search)
                if found is not None and found.kind in (LocKind.PACKAGE, LocKind.MODULE) and found.file:
                    self._module(found, depth - 1)
        return module


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


_SAME_ITEMS = {"list", "tuple", "sorted", "set", "frozenset"}  # calls that return what they are handed


def _returned_by_call(source: str, name: str) -> bool:
    """Is module `source`'s `name` bound to what a function returns (`_distn_names, _gen_names =
    get_distribution_names(list(globals().items()), rv_continuous)`: scipy.stats)? astroid infers
    the list the function starts with, not the names its loop appends."""
    astroid, nodes = _astroid()
    module = astroid.MANAGER.astroid_cache.get(source)
    if module is None:
        return False
    for assign in module.nodes_of_class(nodes.Assign):
        if assign.scope() is not module or not any(
                isinstance(n, nodes.AssignName) and n.name == name for t in assign.targets for n in t.nodes_of_class(
                    nodes.AssignName)):
            continue
        if any(not (isinstance(call.func, nodes.Name) and call.func.name in _SAME_ITEMS)
               for call in assign.value.nodes_of_class(nodes.Call)):
            return True
    return False


class _NotHandedOver(set):  # type: ignore[type-arg]
    """astroid's module deny-list while it infers for us: a first-party module that the resolver
    did not hand over is not looked for (another copy, e.g. an installed one, is another version)."""

    def __init__(self, layout: Layout, finder: Finder, cache: dict[str, Any]) -> None:
        super().__init__()
        self.layout, self.finder, self.cache = layout, finder, cache

    def __contains__(self, modname: object) -> bool:
        if not isinstance(modname, str) or modname in self.cache:
            return False
        return self.finder.is_first_party(modname.split(".")[0], self.layout.source_roots)


def _outside(layout: Layout, entry: str) -> bool:
    """A sys.path entry astroid may search: absolute, and not the project or one of its source roots."""
    if not entry or not os.path.isabs(entry):
        return False  # "" and relative entries follow the current directory, which astroid changes
    real = os.path.realpath(entry)
    for mine in (layout.root, *layout.source_roots):
        if real == mine or real.startswith(mine + os.sep) and "site-packages" not in real.split(os.sep):
            return False
    return True


@contextmanager
def _sealed(layout: Layout, finder: Finder) -> Iterator[None]:
    """astroid for one inference, so that it reads only and runs nothing of the project.

    No compiled extension is loaded, not even an allow-listed one; no failed-import hook runs
    (astroid's gi brain imports modules to introspect them); sys.path holds no directory of the
    project and nothing relative (astroid changes the current directory), so what the resolver did
    not hand over is neither found in the project nor executed by importlib's find_spec of a parent;
    and a first-party module not handed over is not searched for at all. Everything is restored after.
    """
    astroid, _ = _astroid()
    manager = astroid.MANAGER
    brain = type(manager).brain
    saved_load, saved_allow = brain["always_load_extensions"], set(manager.extension_package_whitelist)
    saved_hooks, saved_path = list(manager._failed_import_hooks), list(sys.path)
    saved_deny = brain["module_denylist"]
    deny = _NotHandedOver(layout, finder, manager.astroid_cache)
    try:
        brain["always_load_extensions"] = False
        manager.extension_package_whitelist.clear()
        manager._failed_import_hooks.clear()
        sys.path[:] = [entry for entry in saved_path if _outside(layout, entry)]
        brain["module_denylist"] = manager.module_denylist = deny
        yield
    finally:
        brain["always_load_extensions"] = saved_load
        manager.extension_package_whitelist.update(saved_allow)
        manager._failed_import_hooks[:] = saved_hooks
        sys.path[:] = saved_path
        brain["module_denylist"] = manager.module_denylist = saved_deny
