"""Stubs: appending definitions to a module (and the imports they need)."""
from __future__ import annotations

import ast
from typing import Sequence

import libcst as cst

from flake8_importguard.base.syntax import bound_names


def add_definitions(source: bytes, code: str, imports: Sequence[str] = ()) -> bytes | None:
    """`source` with `code` appended and `import X` added for each missing `imports`; None when it
    cannot be done safely (the module does not parse, binds X otherwise, or the result would not parse)."""
    try:
        module = cst.parse_module(source)
        tree = ast.parse(source)
        present = {a.asname or a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names}
        missing = [name for name in imports if name not in present]
        if set(missing) & bound_names(tree):
            return None  # the module binds that name to something else
        body = list(module.body)
        at = 0
        for i, stmt in enumerate(body):
            smalls = stmt.body if isinstance(stmt, cst.SimpleStatementLine) else []
            docstring = i == 0 and len(smalls) == 1 and isinstance(smalls[0], cst.Expr) and isinstance(
                smalls[0].value, (cst.SimpleString, cst.ConcatenatedString))
            if not (docstring or smalls and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in smalls)):
                break
            at = i + 1
        body[at:at] = [cst.parse_statement(f"import {name}\n") for name in missing]
        parsed = cst.parse_module(code)
        added = list(parsed.body)
        if added:
            blank = [cst.EmptyLine()] * 2 if body else []
            added[0] = added[0].with_changes(leading_lines=[*blank, *parsed.header, *added[0].leading_lines])
        output = module.with_changes(body=[*body, *added], has_trailing_newline=True).bytes
        ast.parse(output)
        return output
    except Exception:
        return None
