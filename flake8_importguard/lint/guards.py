"""Where a read of a missing attribute is no mistake: the file expects it may fail (inside a
`try` that catches AttributeError, `pytest.raises`, `assertRaises`, `contextlib.suppress`), it is
never evaluated (an annotation), or the file itself provides the attribute or asks about it by
name (`user.Plan = ...`, `setattr(user, "Plan", ...)`, `hasattr(user, "Plan")`,
`monkeypatch.setattr(user, "Plan", ..., raising=False)`). Read from the stdlib syntax tree.
"""
from __future__ import annotations

import ast
import re

from flake8_importguard.base.syntax import dotted, is_try

_EXPECTING = {"raises", "assertRaises", "assertRaisesRegex", "suppress"}
_CATCHING = {"AttributeError", "Exception", "BaseException"}


def named_attributes(tree: ast.Module) -> frozenset[tuple[str, str]]:
    """(object as written, attribute) for every attribute the file sets or deletes, and every
    call that names an object and an attribute string (hasattr, getattr, setattr, patch.object)."""
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            found.add((dotted(node.value), node.attr))
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                found.add((dotted(node.args[0]), name.value))
    return frozenset(found)


def code_in_strings(tree: ast.Module) -> str:
    """The text of the file's string and bytes literals that may hold code binding something (an
    `=` in them), one per line: source the test writes out or runs (luigi's tests load a module
    from `CONTENTS = b"...luigi._testing_glob_var = self.x..."`)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
            text = node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
            if "=" in text:
                found.append(text)
    return "\n".join(found)


def sets_in_strings(text: str, owner: str, attribute: str) -> bool:
    """Does code held in the file's literals (code_in_strings) assign `owner.attribute`?"""
    pattern = rf"(?<![\w.]){re.escape(owner)}\.{re.escape(attribute)}\s*=(?!=)"
    return bool(owner) and re.search(pattern, text) is not None


def guarded(node: ast.expr, parents: dict[int, ast.AST]) -> bool:
    """Is the read expected to fail, or never evaluated?"""
    child: ast.AST = node
    current = parents.get(id(node))
    while current is not None:
        if _annotation(current, child) or _expects_failure(current, child):
            return True
        child, current = current, parents.get(id(current))
    return False


def _annotation(parent: ast.AST, child: ast.AST) -> bool:
    if isinstance(parent, (ast.arg, ast.AnnAssign)):
        return parent.annotation is child
    return isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and parent.returns is child


def _expects_failure(parent: ast.AST, child: ast.AST) -> bool:
    if is_try(parent):
        return child in parent.body and any(_catches(h) for h in parent.handlers)
    if isinstance(parent, (ast.With, ast.AsyncWith)):
        return child in parent.body and any(_expecting(item.context_expr) for item in parent.items)
    return isinstance(parent, ast.Call) and child is not parent.func and _expecting(parent)


def _catches(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(dotted(kind).rpartition(".")[2] in _CATCHING for kind in kinds)


def _expecting(expr: ast.expr) -> bool:
    """`pytest.raises(...)`, `self.assertRaises(...)`, `contextlib.suppress(...)`."""
    return isinstance(expr, ast.Call) and dotted(expr.func).rpartition(".")[2] in _EXPECTING
