"""What one test file says about its names, read once per file for the placeholder rules:
what each imported name really is, where a binding sits, which values are mocks."""
from __future__ import annotations

import ast
import builtins
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterator

from flake8_importguard.base.syntax import absolute_module, last_name, statement_binds
from flake8_importguard.index.scan import name_words as words

MOCK_MODULES = ("unittest.mock", "mock", "mock.mock", "asynctest", "asynctest.mock")
MOCK_CLASSES = {"Mock", "MagicMock", "AsyncMock", "NonCallableMock", "NonCallableMagicMock", "CoroutineMock"}
MOCK_FACTORIES = {"create_autospec"}
FAKE_MODULES = {"types.ModuleType", "types.SimpleNamespace", "argparse.Namespace"}
MOCK_WORDS = {"mock", "mocked", "mocks", "fake", "fakes", "stub", "stubs", "dummy", "spy", "double"}
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def is_capwords(name: str) -> bool:
    """`Thread`, `UserPlan`, `HTTPClient`: a class's name, not a CONSTANT or a function."""
    bare = name.lstrip("_")
    return bare[:1].isupper() and any(c.islower() for c in bare) and "_" not in bare


def says_it_is_fake(name: str) -> bool:
    """`MockThread`, `fake_repo`, `DummyClient`: the name itself admits it is a stand-in."""
    return bool(MOCK_WORDS & set(words(name)))


def is_test_class(node: ast.ClassDef) -> bool:
    """`class TestThreads`, `class test_threads`, `class ThreadTests(unittest.TestCase)`."""
    if node.name.lower().startswith("test") or node.name.endswith(("Test", "Tests", "TestCase")):
        return True
    return any(last_name(b).endswith(("TestCase", "Test", "Tests", "TestBase")) for b in node.bases)


@dataclass
class FileFacts:
    tree: ast.Module
    parent_map: Callable[[], dict[int, ast.AST]]  # the file's parent map, built on first use
    aliases: dict[str, str] = field(default_factory=dict)  # local name -> dotted name it imports
    bindings: Counter[str] = field(default_factory=Counter)  # name -> how often module or class code binds it
    imported: set[str] = field(default_factory=set)  # names the file binds by an import, anywhere
    values: dict[str, list[ast.expr]] = field(default_factory=dict)  # name -> values assigned to it

    # -- what an expression names ---------------------------------------------------------
    def qualified(self, expr: ast.expr) -> str:
        """`MagicMock` -> 'unittest.mock.MagicMock', `object` -> 'builtins.object', '' if unknown."""
        if isinstance(expr, ast.Name):
            if expr.id in self.aliases:
                return self.aliases[expr.id]
            if self.bindings[expr.id] == 0 and hasattr(builtins, expr.id):
                return f"builtins.{expr.id}"
            return ""
        if isinstance(expr, ast.Attribute):
            base = self.qualified(expr.value)
            return f"{base}.{expr.attr}" if base else ""
        return ""

    def is_mock_class(self, expr: ast.expr) -> bool:
        module, _, name = self.qualified(expr).rpartition(".")
        return module in MOCK_MODULES and name in MOCK_CLASSES

    def is_mock_call(self, expr: ast.expr) -> bool:
        """`MagicMock()`, `Mock(spec=X)`, `create_autospec(object)`."""
        if not isinstance(expr, ast.Call):
            return False
        module, _, name = self.qualified(expr.func).rpartition(".")
        return module in MOCK_MODULES and (name in MOCK_CLASSES or name in MOCK_FACTORIES)

    def is_fake_module(self, expr: ast.expr) -> bool:
        """A value that can only stand in for a module: a mock, a ModuleType, a namespace."""
        if isinstance(expr, ast.Name) and expr.id in self.values:
            values = [v for v in self.values[expr.id] if not isinstance(v, ast.Name)]
            return bool(values) and all(self.is_fake_module(v) for v in values)
        if self.is_mock_call(expr) or self.is_mock_class(expr):
            return True
        return isinstance(expr, ast.Call) and self.qualified(expr.func) in FAKE_MODULES

    # -- where a node sits ----------------------------------------------------------------
    @property
    def parents(self) -> dict[int, ast.AST]:
        """Read only when a binding looks like a placeholder: most files never need it."""
        return self.parent_map()

    def in_function(self, node: ast.AST) -> bool:
        current = self.parents.get(id(node))
        while current is not None:
            if isinstance(current, _SCOPES):
                return True
            current = self.parents.get(id(current))
        return False

    def in_other_class(self, node: ast.AST) -> bool:
        """Bound in the body of a class that is not a test class: a hand-written fake
        (`class Client(CurlClient): Curl = Mock()` configures the fake, it hides nothing)."""
        current = self.parents.get(id(node))
        while current is not None and not isinstance(current, (ast.ClassDef, ast.Module)):
            current = self.parents.get(id(current))
        return isinstance(current, ast.ClassDef) and not is_test_class(current)

    def unconditional(self, node: ast.AST) -> bool:
        """Directly in the module body or a class body: not in an if, try, with or loop."""
        return isinstance(self.parents.get(id(node)), (ast.Module, ast.ClassDef))

    def subclassed(self, name: str) -> bool:
        return any(
            isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == name for b in node.bases)
            for node in ast.walk(self.tree)
        )


def assigned_pairs(node: ast.Assign | ast.AnnAssign) -> list[tuple[str, ast.expr]]:
    """(name, value) for each plain name the statement binds to a value it spells out."""
    if node.value is None:
        return []
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    pairs: list[tuple[str, ast.expr]] = []
    for target in targets:
        if isinstance(target, ast.Name):
            pairs.append((target.id, node.value))
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(node.value, (ast.Tuple, ast.List)):
            if len(target.elts) == len(node.value.elts):
                pairs.extend((t.id, v) for t, v in zip(target.elts, node.value.elts) if isinstance(t, ast.Name))
    return pairs


def _statements(tree: ast.Module) -> Iterator[tuple[ast.AST, bool]]:
    """Every statement (handlers and match cases too), and whether it runs in a function's own
    scope: a function's locals (`type = kind`, `except E as type`) shadow nothing at module level."""
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, local = stack.pop()
        yield node, local
        inner = local or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(node, name, None)
            if isinstance(children, list):
                stack.extend((child, inner) for child in reversed(children))


def read_facts(tree: ast.Module, package: str, parent_map: Callable[[], dict[int, ast.AST]]) -> FileFacts:
    """One pass over the file's statements (expressions are not walked: that is the cost)."""
    facts = FileFacts(tree, parent_map)
    for node, in_function in _statements(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                facts.aliases[local] = alias.name if alias.asname else local
                facts.imported.add(local)
        elif isinstance(node, ast.ImportFrom):
            _read_import_from(facts, node, absolute_module(package, node.level, node.module))
        elif not in_function:
            for name in statement_binds(node):
                facts.bindings[name] += 1
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            for name, value in assigned_pairs(node):
                facts.values.setdefault(name, []).append(value)
    return facts


def _read_import_from(facts: FileFacts, node: ast.ImportFrom, module: str) -> None:
    for alias in node.names:
        if alias.name == "*":
            if module in MOCK_MODULES:
                facts.aliases.update({n: f"{module}.{n}" for n in MOCK_CLASSES | MOCK_FACTORIES})
            continue
        local = alias.asname or alias.name
        facts.aliases[local] = f"{module}.{alias.name}"
        facts.imported.add(local)
