"""What a rule may ask about the file under check. Per-file facts are cached properties: each
is computed once per file, on first use, and goes with the file."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from flake8_importguard.facts import FileFacts, read_facts
from flake8_importguard.guards import named_attributes
from flake8_importguard.objects import Objects
from flake8_importguard.scopes import ImportBinding, Scopes, loaded_modules
from flake8_importguard.syntax import (
    absolute_module, bound_names, iter_statements, parents_of, statement_binds, type_checking_only_nodes,
)
from flake8_importguard.uses import Use, uses_of

if TYPE_CHECKING:
    from flake8_importguard.finder import Finder
    from flake8_importguard.layout import Layout
    from flake8_importguard.project import Project
    from flake8_importguard.resolver import Resolver
    from flake8_importguard.store import SummaryStore
    from flake8_importguard.suggest import Homes


@dataclass
class Context:
    path: str
    tree: ast.Module
    project: Project
    # the project's parts a rule asks
    layout: Layout = field(init=False)
    finder: Finder = field(init=False)
    store: SummaryStore = field(init=False)
    resolver: Resolver = field(init=False)
    homes: Homes = field(init=False)

    def __post_init__(self) -> None:
        project = self.project
        self.layout, self.finder, self.store = project.layout, project.finder, project.store
        self.resolver, self.homes = project.resolver, project.homes

    def is_first_party(self, module: str) -> bool:
        return bool(module) and self.finder.is_first_party(module.split(".")[0], self.search)

    # -- facts about this file -------------------------------------------------------------------
    @cached_property
    def search(self) -> tuple[str, ...]:
        """sys.path as this file sees it."""
        return self.layout.search_path(self.path)

    @cached_property
    def module(self) -> str:
        return self.layout.module_name(self.path)[0]

    @cached_property
    def package(self) -> str:
        return self.layout.module_name(self.path)[1]

    def absolute(self, node: ast.ImportFrom) -> str:
        return absolute_module(self.package, node.level, node.module)

    @cached_property
    def type_checking_nodes(self) -> set[int]:
        """ids of the nodes that run only for type checkers (never at runtime)."""
        return type_checking_only_nodes(self.tree)

    def runs(self, node: ast.AST) -> bool:
        """Does this statement run at import time or in a test (not only under TYPE_CHECKING)?"""
        return id(node) not in self.type_checking_nodes

    @cached_property
    def bound_names(self) -> set[str]:
        """Every name the file binds anywhere (a fix must not shadow one)."""
        return bound_names(self.tree)

    @cached_property
    def parents(self) -> dict[int, ast.AST]:
        """id(node) -> parent; built only when a rule asks where a node sits (most files never do)."""
        return parents_of(self.tree)

    @cached_property
    def facts(self) -> FileFacts:
        """What the file says about its names: imports, bindings, mock values (placeholder rules)."""
        return read_facts(self.tree, self.package, lambda: self.parents)

    def uses(self, name: str) -> Use:
        """How the file uses `name` (called, subclassed, attributes read)."""
        cached = self._uses.get(name)
        if cached is None:
            cached = self._uses[name] = uses_of(self.tree, name, self.parents)
        return cached

    @cached_property
    def _uses(self) -> dict[str, Use]:
        return {}

    # -- what the file's names refer to, and what first-party objects hold (patches, attributes) -----
    @cached_property
    def imported_names(self) -> frozenset[str]:
        """Every name an import of the file binds, in any scope."""
        return frozenset(name for node in iter_statements(self.tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                         for name in statement_binds(node))

    @cached_property
    def scopes(self) -> Scopes:
        """Which import a read of a name refers to (read on first use: most files never ask)."""
        return Scopes(self.tree, self.package, set(self.imported_names))

    def import_binding(self, expr: ast.expr) -> ImportBinding | None:
        """The import that the name at the head of `a.b.c` refers to, where it is read."""
        while isinstance(expr, ast.Attribute):
            expr = expr.value
        if not isinstance(expr, ast.Name) or expr.id not in self.imported_names:
            return None
        return self.scopes.binding(expr)

    @cached_property
    def objects(self) -> Objects:
        return Objects(self.resolver, self.finder, self.store, self.search)

    @cached_property
    def loaded_modules(self) -> frozenset[str]:
        """The modules the file's imports load (`import a.b` loads `a` and `a.b`)."""
        return loaded_modules(self.tree, self.package)

    @cached_property
    def named_attributes(self) -> frozenset[tuple[str, str]]:
        """(object as written, attribute): what the file sets, deletes or names by string."""
        return named_attributes(self.tree)
