"""Which import statement a name refers to where the file reads it, by CPython's scope rules:
a function's parameters and assignments shadow the module's imports (`def test(user):` is a
fixture, not `from app.models import user`), a class body is not seen by its methods, `global`
sends a binding to the module. A name refers to an import only when every binding of it in
its scope is an import of the same thing; anything else (an assignment, a `del`, two imports
of different things) leaves it unknown. Read from the stdlib syntax tree of the file under check.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from flake8_importguard.base.syntax import absolute_module

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_LEAVES = frozenset({ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.Load, ast.Store, ast.Del})


@dataclass(frozen=True)
class ImportBinding:
    """`import module` (name "") or `from module import name`; `module` is absolute."""

    module: str
    name: str = ""


@dataclass(eq=False)
class Scope:
    node: ast.AST
    parent: Scope | None
    bindings: dict[str, set[ImportBinding | None]] = field(default_factory=dict)  # None: not an import
    globals: set[str] = field(default_factory=set)

    @property
    def is_class(self) -> bool:
        return isinstance(self.node, ast.ClassDef)

    def bind(self, name: str, binding: ImportBinding | None) -> None:
        self.bindings.setdefault(name, set()).add(binding)


class Scopes:
    """Reads the file once; then `binding(name_node)` says which import a read of a name means."""

    def __init__(self, tree: ast.Module, package: str, names: set[str]) -> None:
        """`names`: the names worth answering for (those some import of the file binds)."""
        self.package, self.names = package, names
        self.module = Scope(tree, None)
        self.read_in: dict[int, Scope] = {}  # id(Name) -> the scope the name is read in
        self._read(tree)

    def binding(self, node: ast.Name) -> ImportBinding | None:
        scope = self.read_in.get(id(node))
        return None if scope is None else self.lookup(node.id, scope)

    def scope_of(self, node: ast.Name) -> Scope | None:
        return self.read_in.get(id(node))

    def lookup(self, name: str, scope: Scope) -> ImportBinding | None:
        """The import `name` means when read in `scope` (None: not an import, or not only one)."""
        for current in _visible(scope):
            if name in current.globals:
                current = self.module
            if name in current.bindings:
                found = current.bindings[name]
                return next(iter(found)) if len(found) == 1 else None
        return None

    # -- reading -------------------------------------------------------------------------------------
    def _target(self, scope: Scope, name: str, binding: ImportBinding | None = None) -> None:
        (self.module if name in scope.globals else scope).bind(name, binding)

    def _read(self, tree: ast.Module) -> None:
        """Every node once, each with the scope it runs in: a scope's own nodes in source order (a
        `global` statement comes before the bindings it moves), the scopes it makes after them.
        Only scope-making and binding nodes need more than a look."""
        special = self._handlers()
        scopes: list[tuple[Scope, list[ast.AST]]] = [(self.module, list(reversed(tree.body)))]
        while scopes:
            scope, todo = scopes.pop()
            while todo:
                node = todo.pop()
                kind = node.__class__
                if kind is ast.Name:
                    name = node.id  # type: ignore[attr-defined]
                    if node.ctx.__class__ is not ast.Load:  # type: ignore[attr-defined]
                        self._target(scope, name)
                    elif name in self.names:
                        self.read_in[id(node)] = scope
                elif kind in _LEAVES:
                    continue
                elif kind in special:
                    inner = [(child, where) for child, where in special[kind](node, scope)]
                    todo.extend(child for child, where in reversed(inner) if where is scope)
                    scopes.extend((where, [child]) for child, where in reversed(inner) if where is not scope)
                else:
                    children = []
                    for part in node._fields:
                        value = getattr(node, part, None)
                        if value.__class__ is list:
                            children.extend(value)
                        elif value is not None and part != "ctx" and isinstance(value, ast.AST):
                            children.append(value)
                    todo.extend(child for child in reversed(children) if isinstance(child, ast.AST))

    def _handlers(self) -> dict[type, Callable[[Any, Scope], list[tuple[ast.AST, Scope]]]]:
        handlers: dict[type, Callable[[Any, Scope], list[tuple[ast.AST, Scope]]]] = {
            ast.FunctionDef: self._define, ast.AsyncFunctionDef: self._define, ast.Lambda: self._define,
            ast.ClassDef: self._define, ast.Import: self._import, ast.ImportFrom: self._import,
            ast.Global: self._declare, ast.Nonlocal: self._declare, ast.NamedExpr: self._walrus,
            ast.ExceptHandler: self._bind_other, ast.MatchAs: self._bind_other, ast.MatchStar: self._bind_other,
            ast.MatchMapping: self._bind_other,
        }
        handlers.update({kind: self._comprehension for kind in _COMPREHENSIONS})
        return handlers

    def _declare(self, node: ast.Global | ast.Nonlocal, scope: Scope) -> list[tuple[ast.AST, Scope]]:
        for name in node.names:
            if isinstance(node, ast.Global):
                scope.globals.add(name)
            else:
                for outer in _functions_around(scope):
                    outer.bind(name, None)
        return []

    def _walrus(self, node: ast.NamedExpr, scope: Scope) -> list[tuple[ast.AST, Scope]]:
        owner = next((s for s in _enclosing(scope) if not isinstance(s.node, _COMPREHENSIONS)), self.module)
        if isinstance(node.target, ast.Name):
            self._target(owner, node.target.id)
        return [(node.value, scope)]

    def _bind_other(self, node: ast.AST, scope: Scope) -> list[tuple[ast.AST, Scope]]:
        """Names bound by handlers and match patterns (assignments bind through their Name nodes)."""
        name = getattr(node, "rest", None) if isinstance(node, ast.MatchMapping) else getattr(node, "name", None)
        if isinstance(name, str):
            self._target(scope, name)
        return [(child, scope) for child in ast.iter_child_nodes(node)]

    def _define(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef, scope: Scope
                ) -> list[tuple[ast.AST, Scope]]:
        """Decorators, defaults, annotations and bases run in the enclosing scope; the body in its own."""
        inner = Scope(node, scope)
        if isinstance(node, ast.ClassDef):
            outside: list[ast.AST] = [*node.decorator_list, *node.bases, *node.keywords]
            body: list[ast.AST] = list(node.body)
        else:
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *(a for a in (args.vararg, args.kwarg) if a)]
            outside = [*getattr(node, "decorator_list", []), *args.defaults, *(d for d in args.kw_defaults if d)]
            outside += [a.annotation for a in every if a.annotation]
            outside += [r for r in [getattr(node, "returns", None)] if r]
            for arg in every:
                inner.bind(arg.arg, None)
            body = [node.body] if isinstance(node, ast.Lambda) else list(node.body)
        if not isinstance(node, ast.Lambda):
            self._target(scope, node.name)
        return [*((child, scope) for child in outside), *((child, inner) for child in body)]

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp, scope: Scope
                       ) -> list[tuple[ast.AST, Scope]]:
        inner = Scope(node, scope)
        todo: list[tuple[ast.AST, Scope]] = []
        for i, generator in enumerate(node.generators):
            todo += [(generator.iter, scope if i == 0 else inner), (generator.target, inner)]
            todo += [(condition, inner) for condition in generator.ifs]
        parts: list[ast.AST] = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        return todo + [(part, inner) for part in parts]

    def _import(self, node: ast.Import | ast.ImportFrom, scope: Scope) -> list[tuple[ast.AST, Scope]]:
        for name, binding in import_bindings(node, self.package).items():
            self._target(scope, name, binding)
        return []


def import_bindings(node: ast.Import | ast.ImportFrom, package: str) -> dict[str, ImportBinding | None]:
    """The names an import statement binds, and what each is (None: a relative import beyond the top)."""
    if isinstance(node, ast.Import):
        return {(a.asname or a.name.split(".")[0]): ImportBinding(a.name if a.asname else a.name.split(".")[0])
                for a in node.names}
    module = absolute_module(package, node.level, node.module)
    return {(a.asname or a.name): ImportBinding(module, a.name) if module else None
            for a in node.names if a.name != "*"}


def _enclosing(scope: Scope) -> Iterator[Scope]:
    current: Scope | None = scope
    while current is not None:
        yield current
        current = current.parent


def _visible(scope: Scope) -> Iterator[Scope]:
    """The scopes a read in `scope` searches: its own, then the functions around it (a class body is
    seen only by its own statements), then the module."""
    for current in _enclosing(scope):
        if current is scope or not current.is_class:
            yield current


def _functions_around(scope: Scope) -> Iterator[Scope]:
    for current in _enclosing(scope.parent) if scope.parent else ():
        if isinstance(current.node, _FUNCTIONS):
            yield current


def loaded_modules(tree: ast.Module, package: str) -> frozenset[str]:
    """The modules the file's imports load (each with its packages): `import a.b.c` loads `a`,
    `a.b` and `a.b.c`; `from a.b import c` loads `a.b`, and `a.b.c` when that is a module."""
    loaded: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            dotted_names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = absolute_module(package, node.level, node.module)
            dotted_names = [f"{module}.{a.name}" for a in node.names if module and a.name != "*"] + [module]
        else:
            continue
        for name in filter(None, dotted_names):
            parts = name.split(".")
            loaded.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(loaded)
