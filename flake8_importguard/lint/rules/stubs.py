"""IMG301 stub-present: a stub that `importguard --stub` wrote is still there.

Stubs live in first-party modules, not in tests, so this rule runs on every file checked
(flake8 over the project, or `importguard .`). It reports each top-level class or function
whose body (or one of whose methods) still raises the stub's NotImplementedError; implementing
it (removing that raise) clears the finding. Only the root Module node is visited, and only the
statements directly in top-level bodies are read: a file costs a pass over its top-level
statements and their methods.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.base.codes import STUB_MARKER
from flake8_importguard.base.model import Finding
from flake8_importguard.lint.registry import rule

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context

__all__ = ["STUB_MARKER", "is_stub", "stub_present"]


def _raises_marker(stmt: ast.stmt) -> bool:
    if not (isinstance(stmt, ast.Raise) and isinstance(stmt.exc, ast.Call)):
        return False
    func, args = stmt.exc.func, stmt.exc.args
    return (isinstance(func, ast.Name) and func.id == "NotImplementedError" and bool(args)
            and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
            and args[0].value.startswith(STUB_MARKER))


def is_stub(node: ast.stmt) -> bool:
    """A function whose body raises the stub's error, or a class with such a method. Only
    statements directly in a body are read (that is where fix/stubwriter.py writes the raise)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return any(_raises_marker(stmt) for stmt in node.body)
    if isinstance(node, ast.ClassDef):
        return any(isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_stub(stmt) for stmt in node.body)
    return False


@rule(ast.Module, codes=("IMG301",), every_file=True)
def stub_present(ctx: Context, node: ast.Module) -> Iterator[Finding]:
    for stmt in node.body:
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and is_stub(stmt):
            yield Finding("IMG301", stmt.lineno, stmt.col_offset, name=stmt.name, module=ctx.module)
