"""Where a module is, and whether it is first-party.

Modules are found the way CPython's path finder does (packages, namespace portions, plain
modules, compiled extensions, bytecode), but only by listing directories: nothing is imported.
"""
from __future__ import annotations

import enum
import importlib.machinery
import functools
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from flake8_importguard.base.record import Memo, Recorder
from flake8_importguard.index.layout import Layout

if TYPE_CHECKING:
    from flake8_importguard.index.requirements import Dependencies

Listing = Callable[[str], frozenset[str]]
EXTENSION_SUFFIXES = (".so", ".pyd")


class LocKind(str, enum.Enum):
    PACKAGE, NAMESPACE, MODULE = "package", "namespace", "module"  # source to read (or none to need)
    EXTENSION, STUB_ONLY, BYTECODE = "extension", "stub-only", "bytecode"  # no source: names unknown
    UNREADABLE = "unreadable"  # a directory the linter may not list: what it holds is unknown


NO_SOURCE = (LocKind.EXTENSION, LocKind.BYTECODE, LocKind.STUB_ONLY, LocKind.UNREADABLE)


@dataclass(frozen=True)
class ModuleLoc:
    name: str
    kind: LocKind
    file: str = ""  # the .py (or __init__.py) that holds the source; "" when there is none
    dirs: tuple[str, ...] = ()  # submodule search locations for packages and namespaces
    stub: str = ""  # a .pyi beside it, if any

    @property
    def package(self) -> str:
        """The package its relative imports are resolved in: the module itself for a package."""
        return self.name if self.kind is LocKind.PACKAGE else self.name.rpartition(".")[0]

    @classmethod
    def of_file(cls, name: str, path: str) -> "ModuleLoc":
        """The location of a source file known to be module `name`."""
        kind = LocKind.PACKAGE if os.path.basename(path) == "__init__.py" else LocKind.MODULE
        return cls(name, kind, path)


@functools.lru_cache(maxsize=8192)
def _extension_stems(entries: frozenset[str]) -> frozenset[str]:
    """The names of the extension modules among a directory's entries (`name.<tag>.so`): looked
    up by name, not by a scan of the entries on every lookup (a frozenset keeps its hash)."""
    return frozenset(entry.partition(".")[0] for entry in entries if entry.endswith(EXTENSION_SUFFIXES))


def _entry(listing: Listing, directory: str, entries: frozenset[str], name: str) -> ModuleLoc | str | None:
    """One path entry's answer for `name`: a location, "namespace" for a portion, or None."""
    is_dir = name in entries and os.path.isdir(os.path.join(directory, name))
    if is_dir:
        pkg_dir = os.path.join(directory, name)
        inner = listing(pkg_dir)
        if not inner and not os.access(pkg_dir, os.R_OK | os.X_OK):
            return ModuleLoc(name, LocKind.UNREADABLE, "", (pkg_dir,))
        if "__init__.py" in inner:
            stub = os.path.join(pkg_dir, "__init__.pyi") if "__init__.pyi" in inner else ""
            return ModuleLoc(name, LocKind.PACKAGE, os.path.join(pkg_dir, "__init__.py"), (pkg_dir,), stub)
        if any(e.startswith("__init__.") and e.endswith(EXTENSION_SUFFIXES) for e in inner):
            return ModuleLoc(name, LocKind.EXTENSION, "", (pkg_dir,))
        if "__init__.pyc" in inner:
            return ModuleLoc(name, LocKind.BYTECODE, "", (pkg_dir,))
    if name in _extension_stems(entries):
        return ModuleLoc(name, LocKind.EXTENSION)
    stub = os.path.join(directory, name + ".pyi") if name + ".pyi" in entries else ""
    if name + ".py" in entries:
        return ModuleLoc(name, LocKind.MODULE, os.path.join(directory, name + ".py"), (), stub)
    if name + ".pyc" in entries:
        return ModuleLoc(name, LocKind.BYTECODE)
    if is_dir:
        return "namespace"
    if stub:
        return ModuleLoc(name, LocKind.STUB_ONLY, "", (), stub)
    return None


def find_in(listing: Listing, dirs: tuple[str, ...], name: str, dotted: str) -> ModuleLoc | None:
    """CPython's PathFinder over `dirs` for the last component `name` of `dotted`."""
    portions: list[str] = []
    for directory in dirs:
        found = _entry(listing, directory, listing(directory), name)
        if found == "namespace":
            portions.append(os.path.join(directory, name))
        elif isinstance(found, ModuleLoc):
            return ModuleLoc(dotted, found.kind, found.file, found.dirs, found.stub)
    if portions:
        return ModuleLoc(dotted, LocKind.NAMESPACE, "", tuple(portions))
    return None


class Finder:
    """Module locations, memoized per search path: each directory is listed once. A memoized
    answer replays the directories it listed to the recorder (base/record.py) on every use."""

    def __init__(self, layout: Layout, listing: Listing, recorder: Recorder | None = None) -> None:
        self.layout = layout
        self.listing = listing
        self.recorder = recorder or Recorder()
        self._locs: Memo[tuple[tuple[str, ...], str], ModuleLoc | None] = Memo(self.recorder)
        self._first_party: Memo[tuple[tuple[str, ...], str], bool] = Memo(self.recorder)
        self._external: dict[str, bool] = {}

    def find_module(self, dotted: str, search: tuple[str, ...]) -> ModuleLoc | None:
        return self._locs.get((search, dotted), lambda: self._find_module(dotted, search))

    def _find_module(self, dotted: str, search: tuple[str, ...]) -> ModuleLoc | None:
        head, _, last = dotted.rpartition(".")
        if not head:
            loc = find_in(self.listing, search, last, dotted)
        else:
            parent = self.find_module(head, search)
            loc = find_in(self.listing, parent.dirs, last, dotted) if parent and parent.dirs else None
        return loc

    def submodule(self, loc: ModuleLoc, name: str) -> ModuleLoc | None:
        """`loc.name`.`name` as a submodule of the package or namespace `loc`."""
        if loc.kind not in (LocKind.PACKAGE, LocKind.NAMESPACE):
            return None
        return find_in(self.listing, loc.dirs, name, f"{loc.name}.{name}")

    def case_twin(self, dirs: tuple[str, ...], name: str) -> str:
        """The module file or package directory in `dirs` whose name differs from `name` in case
        only (`User.py` for `user`), or "": CPython's import refuses it on every platform."""
        wanted = name.casefold()
        for directory in dirs:
            for entry in sorted(self.listing(directory)):
                stem = entry[:-3] if entry.endswith(".py") else entry
                if stem != name and stem.casefold() == wanted and (
                        entry.endswith(".py") or os.path.isdir(os.path.join(directory, entry))):
                    return os.path.join(directory, entry)
        return ""

    def is_first_party(self, top: str, search: tuple[str, ...]) -> bool:
        return self._first_party.get((search, top), lambda: self._is_first_party(top, search))

    def _is_first_party(self, top: str, search: tuple[str, ...]) -> bool:
        if top in self.layout.settings.first_party:
            return True
        if top in sys.stdlib_module_names or top in sys.builtin_module_names:
            return False
        loc = self.find_module(top, search)
        if loc is not None and loc.kind is LocKind.NAMESPACE:
            # a directory without Python in it (data, templates, fixtures) is not a package of
            # ours; an installed package of the same name would win over it: so does one the
            # project declares (mealie's `alembic/` migrations beside its `alembic` dependency)
            return not self.dependencies.declares(top) and any(self.holds_python(d, 4) for d in loc.dirs)
        return loc is not None

    @functools.cached_property
    def dependencies(self) -> Dependencies:
        """What the project's packaging declares (read on first use: a save seldom asks)."""
        from flake8_importguard.index.requirements import Dependencies

        return Dependencies(self.layout.root)

    def holds_python(self, directory: str, depth: int) -> bool:
        """Is there a .py file in `directory` or (up to `depth` levels) below it?"""
        entries = self.listing(directory)
        if any(entry.endswith(".py") for entry in entries):
            return True
        return depth > 0 and any(
            entry.isidentifier() and self.holds_python(os.path.join(directory, entry), depth - 1)
            for entry in entries if "." not in entry
        )

    def namespace_is_ours(self, loc: ModuleLoc) -> bool:
        """A namespace portion is wholly ours when it holds modules of its own, no dependency the
        project declares may share it, and nothing installed outside the project adds to it."""
        if not any(entry.endswith(".py") for directory in loc.dirs for entry in self.listing(directory)):
            return False  # a bare container such as `google/`: other distributions share it
        top = loc.name.split(".")[0]
        if self.layout.packaging.shares_namespace(top):
            return False  # a declared dependency may add portions to it
        return not self.installed(top)

    def installed(self, top: str) -> bool:
        """Is there a top-level module `top` on sys.path outside the project's source roots (found
        by importlib's path finder, which runs nothing of it)?"""
        if top not in self._external:
            outside = [p for p in sys.path if p and os.path.realpath(p) not in self.layout.source_roots]
            try:
                spec = importlib.machinery.PathFinder.find_spec(top, outside)
            except (ImportError, ValueError, OSError):
                spec = None
            self._external[top] = spec is not None
        return self._external[top]
