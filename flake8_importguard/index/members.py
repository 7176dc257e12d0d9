"""What a module's classes hold, read from its syntax tree (stdlib ast) for the checks that look
past a module's names: patch targets (IMG401) and attribute chains.

For every class statement at module level (and the classes nested in their bodies) it records
the names the class body binds in any branch, its bases as written, the attributes its methods
set on instances (`self.x = ...`), the names it only annotates, and why the class may gain attributes that no statement
shows (a decorator, a metaclass or class keywords, a computed `setattr`, `__slots__` or
namespace, a call it is handed to).

Plain data, read from a module's file on the first question about its classes (`ClassIndex`):
most runs never ask, and those that do ask about a few modules; reading every module's classes
up front would double the cost of its summary. Nothing is inferred.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

from flake8_importguard.base.syntax import bind_counts, block_statements, dotted, literal_strings, statement_binds
from flake8_importguard.index.snapshot import Section

if TYPE_CHECKING:
    from flake8_importguard.base.record import Recorder
    from flake8_importguard.index.cache import NoCache

_CLASS_SELF = {"cls", "mcs", "klass", "metacls"}  # a first parameter that names the class itself
_CLASS_METHODS = {"__new__", "__init_subclass__", "__class_getitem__"}  # implicit class methods
_NAMESPACE_CALLS = {"exec", "locals", "vars"}
_INNOCENT_CALLS = {"isinstance", "issubclass", "super", "type", "cast", "id", "repr", "str", "hash"}


class ClassInfo(TypedDict):
    """What one class holds, as the index keeps it (JSON)."""

    names: list[str]  # sorted: what the class body binds, and what its methods and its module set on the class
    bases: list[str]  # as dotted text ("" when a base is not a dotted name)
    instance: dict[str, str]  # attribute -> the method that sets it on `self`
    dynamic: str  # why the class may have attributes its source does not show; "" when it cannot
    declared: list[str]  # sorted: annotated in the class body without a value (`dispatch: dispatcher[Pool]`)


class Members(TypedDict):
    """What a module's classes hold: qualified name -> its ClassInfo."""

    classes: dict[str, ClassInfo]


@dataclass
class _Class:
    """A ClassInfo while the module is read (its names a set)."""

    bases: list[str]
    dynamic: str
    names: set[str] = field(default_factory=set)
    instance: dict[str, str] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)

    def info(self) -> ClassInfo:
        return {"names": sorted(self.names), "bases": self.bases, "instance": self.instance, "dynamic": self.dynamic,
                "declared": sorted(self.declared - self.names)}


class ClassIndex:
    """Each module's classes (read_members), read on the first question about them and kept in
    the index while the file is unchanged; each question is a read of the file (base/record.py)."""

    def __init__(self, cache: NoCache, recorder: Recorder) -> None:
        self.cache, self.recorder = cache, recorder
        self._read: dict[str, Members | None] = {}

    def of(self, path: str) -> Members | None:
        """read_members of the module's file; None when it cannot be read or parsed."""
        self.recorder.file(path)
        if path not in self._read:
            found = self.cache.file_entry(Section.MEMBERS, path, "", _members_of)
            self._read[path] = cast(Members, found) if isinstance(found, dict) else None  # _members_of's
        return self._read[path]


def _members_of(source: bytes) -> Members | None:
    try:
        return read_members(ast.parse(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def read_members(tree: ast.Module) -> Members:
    """Every class of the module (at module level, and the classes nested in their bodies) by
    qualified name."""
    counts = bind_counts(tree.body)
    classes: dict[str, _Class] = {}
    for stmt in block_statements(tree.body):
        if isinstance(stmt, ast.ClassDef) and counts[stmt.name] == 1:
            _read_class(stmt, stmt.name, classes)
    if classes:
        _module_uses(tree, classes)
    return {"classes": {qualname: cls.info() for qualname, cls in classes.items()}}


def _read_class(node: ast.ClassDef, qualname: str, classes: dict[str, _Class]) -> None:
    counts = bind_counts(node.body)
    info = _Class([dotted(base) for base in node.bases], _declared_dynamic(node))
    names = info.names
    classes[qualname] = info
    for stmt in block_statements(node.body):
        names.update(statement_binds(stmt))
        if isinstance(stmt, ast.AnnAssign) and stmt.value is None and isinstance(stmt.target, ast.Name):
            info.declared.add(stmt.target.id)
        if isinstance(stmt, ast.ClassDef) and counts[stmt.name] == 1:
            _read_class(stmt, f"{qualname}.{stmt.name}", classes)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _read_method(stmt, info)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and "__slots__" in statement_binds(stmt):
            slots = _slots(stmt.value)
            names.update(slots or ())
            if slots is None:
                info.dynamic = info.dynamic or "__slots__ is computed"
        elif not isinstance(stmt, ast.ClassDef) and _calls(stmt, _NAMESPACE_CALLS):
            info.dynamic = info.dynamic or "its namespace is changed"
    for stmt in node.body:
        if isinstance(stmt, ast.Delete):
            names.difference_update(n for target in stmt.targets for n in _target_names(target))
    owner = node.name.lstrip("_")
    if owner:  # `def __run(self)` in `class Manager` is `Manager._Manager__run` (saleor's patch targets)
        names.update(f"_{owner}{name}" for name in list(names) if _private(name))
        info.instance.update({f"_{owner}{name}": method for name, method in list(info.instance.items())
                              if _private(name)})


def _private(name: str) -> bool:
    """A name the compiler mangles in a class body (`__x`, not `__x__`)."""
    return name.startswith("__") and not name.endswith("__")


def _declared_dynamic(node: ast.ClassDef) -> str:
    if node.decorator_list:
        return "decorated"
    if node.keywords:
        return "a metaclass or class keywords"
    return ""


def _slots(value: ast.expr | None) -> list[str] | None:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    return literal_strings(value) if value is not None else None


def _calls(stmt: ast.stmt, functions: set[str]) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions
               for n in ast.walk(stmt))


def _target_names(target: ast.expr) -> list[str]:
    return [target.id] if isinstance(target, ast.Name) else []


def _read_method(func: ast.FunctionDef | ast.AsyncFunctionDef, info: _Class) -> None:
    """Attributes the method sets on its class (`cls.x = ...`, `type(self).x = ...`) or on the
    instance (`self.x = ...`)."""
    args = func.args.posonlyargs + func.args.args
    if not args:
        return
    first = args[0].arg
    decorators = {dotted(d) for d in func.decorator_list}
    if "staticmethod" in decorators:
        return
    on_class = first in _CLASS_SELF or func.name in _CLASS_METHODS or "classmethod" in decorators
    for node in ast.walk(func):
        for owner, attr in _sets(node):
            if attr is None:
                info.dynamic = info.dynamic or "setattr with a computed name"
            elif _is_class_of(owner, first) or on_class and isinstance(owner, ast.Name) and owner.id == first:
                info.names.add(attr)
            elif isinstance(owner, ast.Name) and owner.id == first:
                info.instance.setdefault(attr, func.name)


def _is_class_of(expr: ast.expr, first: str) -> bool:
    """`type(self)` or `self.__class__`."""
    if isinstance(expr, ast.Attribute) and expr.attr == "__class__":
        return isinstance(expr.value, ast.Name) and expr.value.id == first
    return (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "type"
            and len(expr.args) == 1 and isinstance(expr.args[0], ast.Name) and expr.args[0].id == first)


def _sets(node: ast.AST) -> list[tuple[ast.expr, str | None]]:
    """(object, attribute) for each attribute the node sets: `obj.x = ...` (augmented, annotated,
    unpacked too), `setattr(obj, "x", ...)`; the attribute is None when computed."""
    if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
        return [(node.value, node.attr)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
            and len(node.args) >= 2:
        name = node.args[1]
        return [(node.args[0], name.value if isinstance(name, ast.Constant) and isinstance(name.value, str)
                 else None)]
    return []


def _module_uses(tree: ast.Module, classes: dict[str, _Class]) -> None:
    """What the rest of the module does to its classes: `Cls.x = ...` and `setattr(Cls, "x", ...)`
    add a class attribute; a computed setattr, or handing the class to a call (a registry, a
    function that may set attributes on it), makes it dynamic."""
    for node in ast.walk(tree):
        for owner, attr in _sets(node):
            info = classes.get(dotted(owner))
            if info is None:
                continue
            if attr is None:
                info.dynamic = info.dynamic or "setattr with a computed name"
            else:
                info.names.add(attr)
        if isinstance(node, ast.Call) and dotted(node.func).rpartition(".")[2] not in _INNOCENT_CALLS:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                info = classes.get(dotted(arg))
                if info is not None and not info.dynamic:
                    info.dynamic = "handed to a call"
