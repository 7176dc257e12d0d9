"""What a rule may ask about the file under check. Per-file facts are cached properties: each
is computed once per file, on first use, and goes with the file. What reads the file's scopes,
its uses of a name and first-party objects is imported on its first use: most files (an editor's
save of a clean test) never ask."""
from __future__ import annotations

import ast
import functools
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from flake8_importguard.base.syntax import (
    absolute_module, block_statements, bound_names, dead_statements, iter_statements, last_name, parents_of,
    statement_binds, type_checking_only_nodes, walk_statements,
)
from flake8_importguard.index.layout import dotted_name
from flake8_importguard.index.runtime import import_steps
from flake8_importguard.lint.facts import FileFacts, read_facts
from flake8_importguard.lint.guards import code_in_strings, named_attributes, sets_in_strings

if TYPE_CHECKING:
    from flake8_importguard.analysis.objects import Objects
    from flake8_importguard.analysis.fresh import Failure, Step
    from flake8_importguard.analysis.project import Project
    from flake8_importguard.analysis.resolver import Resolver
    from flake8_importguard.analysis.suggest import Homes
    from flake8_importguard.index.finder import Finder
    from flake8_importguard.index.layout import Layout
    from flake8_importguard.index.store import SummaryStore
    from flake8_importguard.lint.scopes import ImportBinding, Scopes
    from flake8_importguard.lint.uses import Use

_MAY_SKIP = (ast.If, ast.Try, getattr(ast, "TryStar", ast.Try), ast.With, ast.AsyncWith, ast.For, ast.AsyncFor,
             ast.While, ast.Match, ast.IfExp, ast.BoolOp, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
             ast.GeneratorExp)


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

    def homes_of(self, name: str, asked: str, exclude: str = "") -> list[str]:
        """The modules that define `name`, best first (suggest.Homes), never this very file; with
        a choice, those the rest of the suite imports `name` from come first. When none does, the
        packages that have a submodule `name` (a module moved to another package)."""
        excluded = self.own_modules | {exclude}
        homes = self.homes.of(name, asked, excluded)
        if not homes:
            return [m for m in self.homes.packages_with(name, asked) if m not in excluded]
        if len(homes) < 2:
            return homes
        return self.homes.of(name, asked, excluded, frozenset(self.project.suite.importers(name)))

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
    def own_modules(self) -> frozenset[str]:
        """Every name this file is a module by: its own, and those the project's other roots give
        it (`tests/_support/helpers.py` is `helpers` to itself, on the sys.path its rootdir puts
        first, and `tests._support.helpers` from the project's root): never a home of its own."""
        path = os.path.abspath(self.path)  # named from the source roots as the census names modules
        found = (dotted_name(os.path.relpath(path, root))[0] for root in self.layout.source_roots)
        return frozenset([self.module, *(n for n in found if n and all(p.isidentifier() for p in n.split(".")))])

    @cached_property
    def package(self) -> str:
        return self.layout.module_name(self.path)[1]

    def absolute(self, node: ast.ImportFrom) -> str:
        return absolute_module(self.package, node.level, node.module)

    @cached_property
    def type_checking_nodes(self) -> set[int]:
        """ids of the nodes that run only for type checkers (never at runtime)."""
        return type_checking_only_nodes(self.tree)

    @cached_property
    def defined_for_type_checkers(self) -> set[str]:
        """The classes and functions the file defines itself where only type checkers look: `if
        TYPE_CHECKING: class Movie(TypedDict): ...` over `else: Movie = dict` (pymongo's tests). Not
        an assignment (`Thread = Mock` there is a placeholder all the same) nor an import."""
        never = self.type_checking_nodes
        return {stmt.name for stmt in iter_statements(self.tree) if id(stmt) in never
                and isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))}

    def runs(self, node: ast.AST) -> bool:
        """Does this statement run at import time or in a test (not only under TYPE_CHECKING)? (Code
        that cannot run, or whose failure the test expects, is `dead_lines`: checker.py drops what
        is found there.)"""
        return id(node) not in self.type_checking_nodes

    @cached_property
    def dead_lines(self) -> frozenset[int]:
        """The lines of the statements that cannot run (below a `return`, a `raise`, `pytest.skip()`,
        ...) or whose failure is what the test checks (in `with
        pytest.raises(...)`, `with self.assertRaises(...)`: networkx's `from networkx.utils import
        sys`, to show the name is not exposed). Asked only of a file with findings."""
        return frozenset(line for stmt in dead_statements(self.tree, _expects_exception)
                         for line in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))

    def always_at_import(self, node: ast.AST) -> bool:
        """Does the expression run whenever the module is imported, whatever happens: at module
        level or in a class body, not in a function (its decorators and defaults do run), and not
        under anything that may skip it or catch what it raises (if, try, with, loops, match,
        `x if c else y`, `and`/`or`, comprehensions)?"""
        child, parent = node, self.parents.get(id(node))
        while parent is not None:
            if isinstance(parent, _MAY_SKIP):
                return False
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(child is s for s in parent.body):
                return False
            child, parent = parent, self.parents.get(id(parent))
        return isinstance(child, ast.Module)

    @cached_property
    def bound_names(self) -> set[str]:
        """Every name the file binds anywhere (a fix must not shadow one)."""
        return bound_names(self.tree)

    @property
    def parents(self) -> dict[int, ast.AST]:
        """id(node) -> parent; built only when a rule asks where a node sits (most files never do)."""
        return self._parent_map()

    @cached_property
    def _parent_map(self) -> Callable[[], dict[int, ast.AST]]:
        """The parent map, built on its first call; the file's facts share it without holding this
        context (a cycle would keep each checked tree until the garbage collector finds it)."""
        return functools.cache(functools.partial(parents_of, self.tree))

    @cached_property
    def facts(self) -> FileFacts:
        """What the file says about its names: imports, bindings, mock values (placeholder rules)."""
        return read_facts(self.tree, self.package, self._parent_map)

    def uses(self, name: str) -> Use:
        """How the file uses `name` (called, subclassed, attributes read)."""
        cached = self._uses.get(name)
        if cached is None:
            from flake8_importguard.lint.uses import uses_of

            cached = self._uses[name] = uses_of(self.tree, name, self.parents)
        return cached

    @cached_property
    def _uses(self) -> dict[str, Use]:
        return {}

    # -- what the file's names refer to, and what first-party objects hold (patches, attributes) -----
    @cached_property
    def imported_names(self) -> frozenset[str]:
        """The names an import of first-party code binds in the file, in any scope (as the file's facts
        have them: the last import of a name that is imported twice)."""
        aliases = self.facts.aliases
        return frozenset(name for name in self.facts.imported if self.is_first_party(aliases[name].split(".")[0]))

    @cached_property
    def scopes(self) -> Scopes:
        """Which import a read of a name refers to (read on first use: most files never ask)."""
        from flake8_importguard.lint.scopes import Scopes

        return Scopes(self.tree, self.package, set(self.imported_names))

    @cached_property
    def module_imports(self) -> dict[str, ImportBinding | None]:
        """name -> the one import that binds it at module level (None: something else binds it too)."""
        from flake8_importguard.lint.scopes import import_bindings

        found: dict[str, set[ImportBinding | None]] = {}
        for stmt in block_statements(self.tree.body):
            bindings = import_bindings(stmt, self.package) if isinstance(stmt, (ast.Import, ast.ImportFrom)) else {
                name: None for name in statement_binds(stmt)}
            for name, binding in bindings.items():
                found.setdefault(name, set()).add(binding)
        return {name: next(iter(b)) if len(b) == 1 else None for name, b in found.items()}

    def import_binding(self, expr: ast.expr, confirmed: bool = False) -> ImportBinding | None:
        """The import of first-party code that the name at the head of `a.b.c` refers to. Unless
        `confirmed`, a name bound at module level by one import alone is taken to mean it wherever it
        is read (the scopes are read only to confirm a finding: most reads never need it)."""
        while isinstance(expr, ast.Attribute):
            expr = expr.value
        if not isinstance(expr, ast.Name) or expr.id not in self.imported_names:
            return None
        guess = None if confirmed else self.module_imports.get(expr.id)
        return guess if guess is not None else self.scopes.binding(expr)

    @cached_property
    def objects(self) -> Objects:
        from flake8_importguard.analysis.objects import Objects

        return Objects(self.resolver, self.finder, self.store, self.project.classes, self.search)

    @cached_property
    def loaded_modules(self) -> frozenset[str]:
        """The modules the file's imports load (`import a.b` loads `a` and `a.b`)."""
        from flake8_importguard.lint.scopes import loaded_modules

        return loaded_modules(self.tree, self.package)

    @cached_property
    def imported_modules(self) -> frozenset[str]:
        """The modules the file's `import a.b.c` statements name (and their packages), whether
        they exist or not."""
        return frozenset(".".join(parts[:i]) for node in walk_statements(self.tree) if isinstance(node, ast.Import)
                         for alias in node.names for parts in [alias.name.split(".")] for i in range(1, len(parts) + 1))

    @cached_property
    def _fresh_steps(self) -> tuple[list[Step], list[Step]]:
        """The file's import steps (runtime.import_steps), and those in its functions."""
        steps = import_steps(self.tree, self.package)
        at = {step[2] for step in steps}
        later = [step for node in walk_statements(self.tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                 and node.lineno not in at and self.runs(node) and node.lineno not in self.dead_lines
                 for step in import_steps(ast.Module(body=[node], type_ignores=[]), self.package)]
        return steps, later

    @cached_property
    def _fresh_run(self) -> tuple[dict[int, Failure | None], frozenset[str]]:
        steps, later = self._fresh_steps
        return self.project.fresh.verdicts(self.path, self.layout.conftests(self.path), steps,
                                           self.layout.fresh_search(self.path), later)

    @property
    def fresh(self) -> dict[int, Failure | None]:
        """line -> how the import there fails when `pytest FILE` imports the file alone, after its
        conftests (fresh.py; None: nobody can say): the imports the file runs unconditionally at
        module level, and those in its functions (after the module's own)."""
        return self._fresh_run[0]

    @property
    def fresh_loaded(self) -> frozenset[str]:
        """The modules that ran to their end as `pytest FILE` imported the file alone."""
        return self._fresh_run[1]

    @cached_property
    def fresh_works(self) -> frozenset[int]:
        """The lines whose imports surely work when `pytest FILE` imports the file alone: run
        there (unconditionally, or in a function), and none failed or was undecided."""
        steps, later = self._fresh_steps
        ran = {step[2] for step in steps if step[3] == "run"} | {step[2] for step in later}
        return frozenset(ran - self.fresh.keys())

    @cached_property
    def named_attributes(self) -> frozenset[tuple[str, str]]:
        """(object as written, attribute): what the file sets, deletes or names by string."""
        return named_attributes(self.tree)

    def names_attribute(self, owner: str, attribute: str) -> bool:
        """Does the file set, delete or name `owner.attribute` (as written), or hold code in a
        literal that sets it (guards.sets_in_strings)?"""
        return (owner, attribute) in self.named_attributes or sets_in_strings(self._code_in_strings, owner, attribute)

    @cached_property
    def _code_in_strings(self) -> str:
        return code_in_strings(self.tree)


_RAISES = frozenset({"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"})


def _expects_exception(expr: ast.expr) -> bool:
    """`pytest.raises(...)`, `raises(...)`, `self.assertRaises(...)` (a call that names what it expects)."""
    return isinstance(expr, ast.Call) and last_name(expr.func) in _RAISES
