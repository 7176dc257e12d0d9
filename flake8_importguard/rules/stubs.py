"""IMG301 stub-present: a stub that `importguard --stub` wrote is still there.

Stubs live in first-party modules, not in tests, so this rule runs on every file checked
(flake8 over the project, or `importguard .`). It reports each top-level class or function
whose body still raises the stub's NotImplementedError; implementing it (removing that raise)
clears the finding. Only the root Module node is visited: checking a file costs one pass over
its top-level statements.
"""
from __future__ import annotations

import ast
from typing import Iterator

from flake8_importguard.model import Finding
from flake8_importguard.rules import rule

STUB_MARKER = "importguard stub:"  # how every stub's NotImplementedError message begins


def is_stub(node: ast.stmt) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Raise) and isinstance(sub.exc, ast.Call):
            func, args = sub.exc.func, sub.exc.args
            if (isinstance(func, ast.Name) and func.id == "NotImplementedError" and args
                    and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
                    and args[0].value.startswith(STUB_MARKER)):
                return True
    return False


@rule(ast.Module, every_file=True)
def stub_present(ctx, node: ast.Module) -> Iterator[Finding]:
    module = ""
    for stmt in node.body:
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and is_stub(stmt):
            module = module or ctx.index.module_name(ctx.path)[0]
            yield Finding("IMG301", stmt.lineno, stmt.col_offset, name=stmt.name, module=module)
