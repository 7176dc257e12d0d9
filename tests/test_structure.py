"""The package is a house in layers: each layer is a subpackage that imports only the layers
below it, and no module imports itself back through others (every import counts: module level,
inside functions and under TYPE_CHECKING)."""
from __future__ import annotations

import ast
import os

import pytest

from support import ROOT

PACKAGE = os.path.join(ROOT, "flake8_importguard")

PKG = "flake8_importguard"
LAYERS = ("base", "index", "analysis", "lint", "fix", "run")  # bottom up; the front ends sit on top
FRONT = len(LAYERS)


def modules() -> dict[str, str]:
    found = {}
    for directory, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(directory, name)
                parts = os.path.relpath(path, os.path.dirname(PACKAGE))[:-3].split(os.sep)
                found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: str, known: dict[str, str]) -> set[str]:
    """The package's modules that a module imports, anywhere in it."""
    with open(path, "rb") as f:
        tree = ast.parse(f.read())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith(PKG):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(PKG)}
    return {name for name in found if name in known}


def layer(module: str) -> int:
    """The layer's height: -1 for the package itself (its version), FRONT for the front ends."""
    parts = module.split(".")
    if len(parts) == 1:
        return -1
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else FRONT


GRAPH = {name: imports(path, modules()) - {name} for name, path in modules().items()}


def test_every_module_lives_in_a_layer_or_is_a_front_end():
    front = sorted(name for name in GRAPH if layer(name) == FRONT)
    names = ("__main__", "cli", "configfile", "lsp", "plugin", "pytest_plugin", "report")
    assert front == [f"{PKG}.{name}" for name in names], front


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_module_imports_a_layer_above_its_own(name):
    above = sorted(target for target in GRAPH[name] if layer(target) > layer(name))
    assert not above, f"{name} (layer {layer(name)}) imports {above}"


def test_no_import_cycles():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    assert not cycles, cycles


@pytest.mark.parametrize("name", [f"{PKG}.{layer}" for layer in LAYERS])
def test_each_layer_says_what_it_owns_and_may_import(name):
    with open(modules()[name], encoding="utf-8") as f:
        doc = ast.get_docstring(ast.parse(f.read())) or ""
    assert "import" in doc and len(doc) > 200, f"{name}: {doc!r}"
