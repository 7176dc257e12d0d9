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
from typing import Iterator

from flake8_importguard.syntax import absolute_module

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


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
        for child in ast.iter_child_nodes(tree):
            self._visit(child, self.module)

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

    def _visit(self, node: ast.AST, scope: Scope) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            self._define(node, scope)
        elif isinstance(node, _COMPREHENSIONS):
            self._comprehension(node, scope)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self._import(node, scope)
        elif isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                if node.id in self.names:
                    self.read_in[id(node)] = scope
            else:
                self._target(scope, node.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                if isinstance(node, ast.Global):
                    scope.globals.add(name)
                else:
                    for outer in _functions_around(scope):
                        outer.bind(name, None)
        elif isinstance(node, ast.NamedExpr):
            self._visit(node.value, scope)
            owner = next((s for s in _enclosing(scope) if not isinstance(s.node, _COMPREHENSIONS)), self.module)
            self._target(owner, node.target.id)
        else:
            self._bind_other(node, scope)
            for child in ast.iter_child_nodes(node):
                self._visit(child, scope)

    def _bind_other(self, node: ast.AST, scope: Scope) -> None:
        """Names bound by handlers and match patterns (assignments bind through their Name nodes)."""
        name = getattr(node, "name", None) if isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) \
            else getattr(node, "rest", None) if isinstance(node, ast.MatchMapping) else None
        if isinstance(name, str):
            self._target(scope, name)

    def _define(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef, scope: Scope) -> None:
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
        for child in outside:
            self._visit(child, scope)
        if not isinstance(node, ast.Lambda):
            self._target(scope, node.name)
        for child in body:
            self._visit(child, inner)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp, scope: Scope) -> None:
        inner = Scope(node, scope)
        for i, generator in enumerate(node.generators):
            self._visit(generator.iter, scope if i == 0 else inner)
            self._visit(generator.target, inner)
            for condition in generator.ifs:
                self._visit(condition, inner)
        for part in ([node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]):
            self._visit(part, inner)

    def _import(self, node: ast.Import | ast.ImportFrom, scope: Scope) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                self._target(scope, alias.asname or top, ImportBinding(alias.name if alias.asname else top))
            return
        module = absolute_module(self.package, node.level, node.module)
        for alias in node.names:
            if alias.name != "*":
                self._target(scope, alias.asname or alias.name, ImportBinding(module, alias.name) if module else None)


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
