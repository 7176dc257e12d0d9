"""What a dotted path names, statically, and whether an attribute exists on it: the answers
behind patch targets (IMG401) and attributes of first-party modules (IMG103) and classes (IMG104).

A path is followed the way `mock.patch` and `monkeypatch` resolve one: import the longest
prefix that is a module, then get each attribute in turn. The tool follows first-party
modules (their names, from the summaries: the resolver's verdicts) and the classes they define
(members.py: class-body names, names set on the class by its methods and its module, then the
first-party, builtin and plain bases of `enum`, `abc` and `collections` in order: `enum.Enum`, whose
members are its subclass's class-body names); it stops, silently, at anything else: functions,
variables, instances, third-party code, a class that is decorated, has a metaclass, is handed
to a call, or whose base it cannot read. A name bound by more than one statement of its module
is never followed, and a submodule that the package also binds to something else is unknown
(which of the two a lookup meets depends on the interpreter's version and on import order).
"""
from __future__ import annotations

import abc
import builtins
import collections
import enum
from dataclasses import dataclass

from flake8_importguard.analysis.resolver import Resolver
from flake8_importguard.base.model import Missing, ObjectKind, SymbolKind, Verdict
from flake8_importguard.index.finder import Finder, LocKind
from flake8_importguard.index.members import ClassIndex, ClassInfo, Members
from flake8_importguard.index.store import SummaryStore
from flake8_importguard.index.summary import ModuleSummary

DEPTH = 8  # how many imports and bases a question may follow


@dataclass(frozen=True)
class Obj:
    kind: ObjectKind
    module: str  # the module itself, or the module whose class statement made the class
    qualname: str = ""  # a class's dotted name inside its module

    @property
    def path(self) -> str:
        return f"{self.module}.{self.qualname}" if self.qualname else self.module


@dataclass(frozen=True)
class Lookup:
    """What getting one attribute found."""

    verdict: Verdict
    found: Obj | None = None  # the attribute, when it is a module or a class the tool reads
    reason: Missing | None = None  # why MISSING
    instance: str = ""  # MISSING on the class, but this method sets it on the class's instances


@dataclass(frozen=True)
class Chain:
    """What following a whole path found: MISSING at `parts[index]` on `owner`, or not."""

    verdict: Verdict
    owner: Obj | None = None
    index: int = 0
    lookup: Lookup | None = None


UNKNOWN = Lookup(Verdict.UNKNOWN)


class Objects:
    """Questions about the objects first-party code defines, asked from one file (its sys.path)."""

    def __init__(self, resolver: Resolver, finder: Finder, store: SummaryStore, classes: ClassIndex,
                 search: tuple[str, ...]) -> None:
        self.resolver, self.finder, self.store, self.search = resolver, finder, store, search
        self.classes = classes

    # -- modules and what an import binds ----------------------------------------------------------
    def module(self, dotted: str) -> Obj | None:
        """The first-party module `dotted`, when it exists and has source (or is a namespace)."""
        if not self.finder.is_first_party(dotted.split(".")[0], self.search):
            return None
        loc = self.finder.find_module(dotted, self.search)
        if loc is None or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE, LocKind.NAMESPACE):
            return None
        return Obj(ObjectKind.MODULE, dotted)

    def imported(self, module: str, name: str = "", classes: bool = True) -> Obj | None:
        """What `import module` (name "") or `from module import name` binds, when the tool reads it
        (`classes`: a class too, else a module only)."""
        if not name:
            return self.module(module)
        return self._binding(module, name, DEPTH, classes) if self.module(module) is not None else None

    def _summary(self, module: str) -> ModuleSummary | None:
        loc = self.finder.find_module(module, self.search)
        if loc is None or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not loc.file:
            return None
        summary = self.store.summary(loc)
        return None if summary.error else summary

    def _members(self, module: str) -> Members | None:
        """The module's classes (members.py); None when it cannot be read."""
        loc = self.finder.find_module(module, self.search)
        return self.classes.of(loc.file) if loc is not None and loc.file else None

    def _classes(self, module: str) -> dict[str, ClassInfo]:
        members = self._members(module)
        return members.get("classes", {}) if members is not None else {}

    def _binding(self, module: str, name: str, depth: int, classes: bool = True) -> Obj | None:
        """The module or class that `module.name` is (a submodule, a class statement, an import of
        either), or None when it is something else or cannot be told."""
        loc = self.finder.find_module(module, self.search)
        if loc is None or depth <= 0:
            return None
        summary = self._summary(module)
        if loc.kind is LocKind.NAMESPACE or summary is None:
            return self.module(f"{module}.{name}") if self.finder.submodule(loc, name) else None
        kind = summary.names.get(name)
        if name in summary.rebound:
            return None  # what it is depends on the path taken
        if self.finder.submodule(loc, name) is not None:
            return Obj(ObjectKind.MODULE, f"{module}.{name}") if kind is None or _binds_submodule(
                summary, module, name) else None
        if kind == SymbolKind.CLASS:
            return Obj(ObjectKind.CLASS, module, name) if classes and name in self._classes(module) else None
        if kind == SymbolKind.IMPORT:
            origin, attribute = summary.origins.get(name) or ["", ""]
            if not origin:
                return None
            return self.module(origin) if not attribute else (
                self._binding(origin, attribute, depth - 1, classes) if self.module(origin) else None)
        if kind is None:  # through a star import: from the one module that exports it
            sources = [star for star in summary.stars if star and self.resolver.resolve_name(
                star, name, self.search).verdict is Verdict.EXISTS]
            return self._binding(sources[0], name, depth - 1, classes) if len(sources) == 1 else None
        return None

    def conflicts(self, module: str, name: str) -> bool:
        """Does `module` bind `name` to something other than its submodule of that name?"""
        summary = self._summary(module)
        return summary is not None and name in summary.names and not _binds_submodule(summary, module, name)

    # -- attributes --------------------------------------------------------------------------------
    def attribute(self, obj: Obj, name: str, depth: int = DEPTH, what: bool = True) -> Lookup:
        """getattr(obj, name): EXISTS (and, when `what` is asked, what it is, when known), MISSING or
        UNKNOWN."""
        if obj.kind is ObjectKind.CLASS:
            return self._class_attribute(obj, name, depth, as_base=False)
        if name.startswith("__") and name.endswith("__"):
            return UNKNOWN  # `__file__`, `__path__`, `__spec__`: every module has its own
        found = self.resolver.resolve_name(obj.module, name, self.search)
        if found.verdict is not Verdict.EXISTS:
            return Lookup(found.verdict, reason=found.reason)
        return Lookup(Verdict.EXISTS, self._binding(obj.module, name, depth) if what else None)

    def _class_attribute(self, cls: Obj, name: str, depth: int, as_base: bool) -> Lookup:
        classes = self._classes(cls.module)
        info = classes.get(cls.qualname)
        if info is None or depth <= 0:
            return UNKNOWN
        outer = cls.qualname.rpartition(".")[0]
        if outer and not self._read_whole(Obj(ObjectKind.CLASS, cls.module, outer), depth - 1):
            return UNKNOWN  # a class in a class the tool cannot read whole, whose machinery may set on it
            # (kitsune's `__init_subclass__` sets `cls.Index.read_alias`; Django's `Meta`)
        if name in info["names"]:
            nested = f"{cls.qualname}.{name}"
            return Lookup(Verdict.EXISTS, Obj(ObjectKind.CLASS, cls.module, nested) if nested in classes else None)
        if info["dynamic"] or name.startswith("__") and name.endswith("__") or name in info.get("declared", ()):
            return UNKNOWN  # (an annotation without a value: a metaclass, a descriptor or a mapper may set it)
        instance = info["instance"].get(name, "")
        for text in info["bases"]:
            base = self._base(cls.module, text, depth - 1)
            if base is None:
                return UNKNOWN
            if isinstance(base, type):
                if hasattr(base, name):
                    return Lookup(Verdict.EXISTS)
                continue
            inherited = self._class_attribute(base, name, depth - 1, as_base=True)
            if inherited.verdict is not Verdict.MISSING:
                return inherited
            instance = instance or inherited.instance
        if hasattr(type, name) or as_base and "__init_subclass__" in info["names"]:
            return UNKNOWN  # the metaclass's attributes; a hook that may set attributes on subclasses
        if self.store.written_into(cls.path, name):
            return UNKNOWN
        return Lookup(Verdict.MISSING, reason=Missing.NO_NAME, instance=instance)

    def _read_whole(self, cls: Obj, depth: int) -> bool:
        """Does the class hold just what its statement and its module show: not dynamic, and each
        base a builtin or plain standard class, or a first-party one read whole without an
        `__init_subclass__` hook?"""
        info = self._classes(cls.module).get(cls.qualname)
        if info is None or depth <= 0 or info["dynamic"]:
            return False
        for text in info["bases"]:
            base = self._base(cls.module, text, depth - 1)
            if base is None:
                return False
            if isinstance(base, Obj):
                held = self._classes(base.module).get(base.qualname)
                if held is None or "__init_subclass__" in held["names"] or not self._read_whole(base, depth - 1):
                    return False
        return True

    def _base(self, module: str, text: str, depth: int) -> Obj | type | None:
        """A base class as its module spells it: a first-party class, a builtin class, a class of
        the standard library whose class statement makes plain classes (`enum.Enum`: see
        _standard_base), or None."""
        summary = self._summary(module)
        parts = text.split(".") if text else []
        if not parts or summary is None:
            return None
        if len(parts) == 1 and text not in summary.names and not summary.stars:
            value = getattr(builtins, text, None)
            return value if isinstance(value, type) and summary.dynamic == "" else None
        standard = _standard_base(summary, parts)
        if standard is not None:
            return standard
        found = self._binding(module, parts[0], depth)
        for part in parts[1:]:
            found = self.attribute(found, part, depth).found if found is not None else None
        return found if found is not None and found.kind is ObjectKind.CLASS else None

    # -- whole paths -------------------------------------------------------------------------------
    def target(self, parts: tuple[str, ...], imports: int) -> Chain:
        """Follow `parts` as `pkgutil.resolve_name` (mock.patch) and pytest's monkeypatch do: the
        first part is imported, then each of the next `imports - 1` that is a module, then the rest
        are attributes."""
        current = self.module(parts[0])
        if current is None:
            return Chain(Verdict.UNKNOWN)
        index = 1
        while index < imports:
            prefix = ".".join(parts[:index + 1])
            found = self.resolver.resolve_module(prefix, self.search).verdict
            if found is Verdict.UNKNOWN or found is Verdict.EXISTS and self.conflicts(current.module, parts[index]):
                return Chain(Verdict.UNKNOWN)
            if found is Verdict.MISSING:
                break
            current, index = Obj(ObjectKind.MODULE, prefix), index + 1
        return self.follow(current, parts, index)

    def follow(self, obj: Obj, parts: tuple[str, ...], index: int) -> Chain:
        """Get `parts[index:]` one after the other, from `obj`."""
        for i in range(index, len(parts)):
            found = self.attribute(obj, parts[i], what=i < len(parts) - 1)
            if found.verdict is not Verdict.EXISTS:
                return Chain(found.verdict, obj, i, found)
            if i == len(parts) - 1:
                break
            if found.found is None:
                return Chain(Verdict.UNKNOWN)
            obj = found.found
        return Chain(Verdict.EXISTS)

    def names_on(self, cls: Obj, depth: int = DEPTH) -> set[str]:
        """The names a class and its first-party bases bind (for "did you mean")."""
        info = self._classes(cls.module).get(cls.qualname)
        if info is None or depth <= 0:
            return set()
        names = set(info["names"])
        for text in info["bases"]:
            base = self._base(cls.module, text, depth - 1)
            names |= self.names_on(base, depth - 1) if isinstance(base, Obj) else set()
        return names


# The metaclasses whose classes hold exactly what their class statement binds, and their bases'
# attributes: a class of the standard library with another (ctypes' Structure makes attributes
# of its `_fields_`, TypedDict's hold none of their keys) is not followed.
_PLAIN_METACLASSES = (type, abc.ABCMeta, enum.EnumMeta)
# The modules of the standard library whose classes are followed: always the same ones, whatever
# else the process has imported (a finding must not depend on the front end that runs the check).
_STANDARD = {"abc": abc, "enum": enum, "collections": collections}


def _standard_base(summary: ModuleSummary, parts: list[str]) -> type | None:
    """The class of `abc`, `enum` or `collections` that a module's base `parts` names through its
    imports (`from enum import Enum`, `import enum` then `enum.IntEnum`); None for anything else."""
    origin, attribute = summary.origins.get(parts[0]) or ["", ""]
    if summary.names.get(parts[0]) != SymbolKind.IMPORT or parts[0] in summary.rebound:
        return None
    value: object = _STANDARD.get(origin)
    for name in ([attribute] if attribute else []) + parts[1:]:
        value = getattr(value, name, None)
    return value if isinstance(value, type) and type(value) in _PLAIN_METACLASSES else None


def _binds_submodule(summary: ModuleSummary, module: str, name: str) -> bool:
    """`from . import name` or `import module.name as name` in the package: the name is the submodule."""
    return summary.origins.get(name) in ([module, name], [f"{module}.{name}", ""])
