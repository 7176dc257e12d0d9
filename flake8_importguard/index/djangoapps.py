"""What Django imports before any test module of a Django project: `django.setup()` (which
pytest-django runs before pytest imports the conftests, and Django's own runner before it finds the
tests) imports each installed app's module (and its `apps` submodule), then each app's `models`,
in the order of the settings' INSTALLED_APPS. A test module that imports a model module finds it
complete, whatever cycle an import of it alone would meet (netbox's `netbox.models.features` and
`core.models`).

The settings are read, never run: INSTALLED_APPS as its module's top-level statements build it
from literals (a list or tuple of strings, names bound to such lists, `+`, `+=`, `append`,
`extend`, `insert`, `remove`, and what `from .base import *` brought); None when they build it
otherwise, and then nothing is taken to run first. What a branch or a loop adds is left out.
"""
from __future__ import annotations

import ast
from typing import Callable

from flake8_importguard.base.syntax import absolute_module

Lists = dict[str, list[str]]  # a settings module's names bound to lists of strings, as its statements leave them
Star = Callable[[str], Lists]  # the lists a star-imported module leaves (by its absolute name)


def settings_lists(tree: ast.Module, package: str, star: Star) -> Lists:
    """The names the module's top-level statements bind to lists of strings, as they leave them."""
    lists: Lists = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and any(alias.name == "*" for alias in stmt.names):
            lists.update(star(absolute_module(package, stmt.level, stmt.module)))
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            _bind(lists, stmt.targets[0].id, _strings(stmt.value, lists))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            _bind(lists, stmt.target.id, _strings(stmt.value, lists))
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and isinstance(stmt.op, ast.Add):
            added = _strings(stmt.value, lists)
            current = lists.get(stmt.target.id)
            _bind(lists, stmt.target.id, None if current is None or added is None else current + added)
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            _mutate(lists, stmt.value)
        elif isinstance(stmt, ast.Assign):  # `A = B = [...]`, `A, B = ...`: not read
            for node in ast.walk(stmt):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    lists.pop(node.id, None)
    return lists


def _bind(lists: Lists, name: str, value: list[str] | None) -> None:
    if value is None:
        lists.pop(name, None)
    else:
        lists[name] = value


def _strings(expr: ast.expr, lists: Lists) -> list[str] | None:
    """The strings a list or tuple expression holds, in order; None when it holds anything else."""
    if isinstance(expr, (ast.List, ast.Tuple)):
        found: list[str] = []
        for element in expr.elts:
            if isinstance(element, ast.Constant) and isinstance(element.value, str):
                found.append(element.value)
            elif isinstance(element, ast.Starred) and _strings(element.value, lists) is not None:
                found.extend(_strings(element.value, lists) or [])
            else:
                return None
        return found
    if isinstance(expr, ast.Name):
        held = lists.get(expr.id)
        return None if held is None else list(held)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        left, right = _strings(expr.left, lists), _strings(expr.right, lists)
        return None if left is None or right is None else left + right
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("list", "tuple") \
            and len(expr.args) == 1 and not expr.keywords:
        return _strings(expr.args[0], lists)
    return None


def _mutate(lists: Lists, call: ast.Call) -> None:
    """`NAME.append("x")`, `.extend([...])`, `.insert(0, "x")`, `.remove("x")` at top level."""
    func = call.func
    if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Name) or func.value.id not in lists:
        return
    name, held = func.value.id, lists[func.value.id]
    args = call.args
    text = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if func.attr == "append" and len(args) == 1 and text:
        held.append(text[0])
    elif func.attr == "extend" and len(args) == 1 and _strings(args[0], lists) is not None:
        held.extend(_strings(args[0], lists) or [])
    elif func.attr == "insert" and len(args) == 2 and isinstance(args[0], ast.Constant) \
            and isinstance(args[0].value, int) and text:
        held.insert(args[0].value, text[0])
    elif func.attr == "remove" and len(args) == 1 and text and text[0] in held:
        held.remove(text[0])
    elif func.attr in ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"):
        lists.pop(name)


def setup_imports(apps: list[str], module_of: Callable[[str], bool]) -> list[str]:
    """The modules `django.setup()` imports for `apps`, in order: each app's module (an entry that
    names an AppConfig class, `core.apps.CoreConfig`: the module holding it) and its `apps`
    submodule, then each app's `models`. `module_of(name)`: is `name` a module of the project?
    Apps outside the project are left out (taken to load, and to load nothing of the project)."""
    first: list[str] = []
    packages: list[str] = []
    for entry in apps:
        if module_of(entry):
            first += [entry, *([f"{entry}.apps"] if module_of(f"{entry}.apps") else [])]
            packages.append(entry)
        elif "." in entry and module_of(entry.rpartition(".")[0]):
            holder = entry.rpartition(".")[0]
            first.append(holder)
            packages.append(holder.rpartition(".")[0] if holder.endswith(".apps") and "." in holder else holder)
    models = [f"{package}.models" for package in packages if module_of(f"{package}.models")]
    return list(dict.fromkeys([*first, *models]))
