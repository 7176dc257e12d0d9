"""IMG107 unbound-name: a test module (`test_*.py`, `*_test.py`) or conftest reads, as pytest imports
it, a name it does not bind (a base class, a decorator, a value whose import was deleted or
renamed): NameError, and the file is not collected (a conftest's blocks every test module under
it). Another file under the tests (a helper, a type checker's example) is imported only through
another module, if at all: the fresh run of its importers says it (IMG105). Only the reads that
always run count, as for a module of the project (runtime.unbound_reads, README IMG105); the
silence rules are the same: a star import, a namespace changed behind the statements, a name
first-party code sets on the file or in the builtins (resolver.sets_name). pyflakes' F821 reports
such a name too, with every other undefined name; this code is the one that means "the file does
not collect", and says where the name lives.

The fix adds `from <module> import <name>` to the file's import block (fixer/place.py), certain
when exactly one module defines the name; `import <name>` when the name is a module of the standard
library or an installed one (a deleted `import pytest` under `@pytest.fixture`) and none of the
project's.
"""
from __future__ import annotations

import ast
import sys
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.base.model import Finding, Fix, FixKind, Hint, HintKind
from flake8_importguard.base.syntax import iter_statements, statement_binds, walk
from flake8_importguard.index.runtime import dynamic_reason, unbound_reads
from flake8_importguard.index.summary import imported_by_pytest
from flake8_importguard.lint.registry import rule

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context


@rule(ast.Module, codes=("IMG107",))
def unbound_name(ctx: Context, tree: ast.Module) -> Iterator[Finding]:
    if not imported_by_pytest(ctx.path):
        return  # a module pytest imports only through another: its importers' IMG105 says it
    statements = list(iter_statements(tree, into_scopes=False))
    never = ctx.type_checking_nodes
    bound = {name for stmt in statements if id(stmt) not in never for name in statement_binds(stmt)}
    reads = unbound_reads(tree, bound)
    if not reads or any(isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names)
                        for stmt in statements):
        return
    if dynamic_reason(tree) not in ("", "module __getattr__"):
        return
    columns: dict[tuple[str, int], int] = {}
    for node in walk(tree):
        if isinstance(node, ast.Name):
            key = (node.id, node.lineno)
            columns[key] = min(node.col_offset, columns.get(key, node.col_offset))
    for name, line in reads:
        if ctx.resolver.sets_name(ctx.module, name):
            continue
        hint, fix = _repair(ctx, name, line)
        yield Finding("IMG107", line, columns.get((name, line), 0), name=name, module=ctx.module, hint=hint, fix=fix,
                      at_import=True)


def _repair(ctx: Context, name: str, line: int) -> tuple[Hint, Fix | None]:
    """Where the name lives (its import, certain when one module defines it); else the module it
    is (`import os`, `import pytest` deleted while `@pytest.fixture` still reads it); else nowhere."""
    homes = ctx.homes_of(name, ctx.module)
    if homes:
        return Hint(HintKind.LIVES_IN, tuple(homes[:3])), Fix(
            FixKind.ADD_IMPORT, line, name=name, target_module=homes[0], target_name=name, certain=len(homes) == 1)
    where = _module_kind(ctx, name)
    if where:
        return Hint(HintKind.MODULE, (name,), module=where), Fix(
            FixKind.ADD_IMPORT, line, name=name, target_module=name, certain=True)
    return Hint(HintKind.NOWHERE, (name,)), None


def _module_kind(ctx: Context, name: str) -> str:
    """What kind of top-level module `name` is, in words ("a module of the standard library", "an
    installed module": found, never imported); "" when it is none. A module pre-commit's environment
    lacks is not found: no such hint there."""
    if name in sys.stdlib_module_names or name in sys.builtin_module_names:
        return "a module of the standard library"
    return "an installed module" if ctx.finder.installed(name) else ""
