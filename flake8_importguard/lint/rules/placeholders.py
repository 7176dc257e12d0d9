"""IMG201 mock-placeholder, IMG202 invented-type, IMG203 generic-alias: a test-local binding
that stands in for first-party code.

A binding is a placeholder when its name stands for first-party code: the project defines the
name (a class or function for a lower-case name), or some test imports it from first-party
code; or, for mocks and subclassed aliases, it is a CapWords name bound once, unconditionally,
at module or class level of a test module or conftest and not named as a fake (`MockThread`). Bindings inside functions,
names imported from third-party code and fallbacks in an `except ImportError:` (IMG204's
business) are never placeholders.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable, Iterator

from flake8_importguard.base.model import Finding, Fix, FixKind, Hint, HintKind, SymbolKind
from flake8_importguard.index.finder import LocKind
from flake8_importguard.index.summary import imported_by_pytest
from flake8_importguard.lint.facts import assigned_pairs, is_capwords, says_it_is_fake
from flake8_importguard.lint.registry import rule

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context

Shape = Callable[["Context", str, ast.expr], "bool | None"]

# callable -> how many positional arguments make it build a new type. Record types
# (namedtuple, NamedTuple, TypedDict) are left out: tests build their own data records, and a
# `Response = namedtuple(...)` faking a third-party response may share a first-party class's name.
INVENTED_TYPES = {
    "builtins.type": 3, "types.SimpleNamespace": 0, "argparse.Namespace": 0,
    "enum.Enum": 2, "enum.IntEnum": 2, "enum.StrEnum": 2, "enum.Flag": 2, "enum.IntFlag": 2,
}
GENERIC_OBJECTS = {
    *(f"builtins.{n}" for n in ("object", "dict", "list", "tuple", "set", "frozenset", "str", "int", "float",
                                "bool", "bytes", "type", "Exception", "BaseException")),
    "unittest.TestCase", "unittest.case.TestCase", "unittest.IsolatedAsyncioTestCase",
    "unittest.async_case.IsolatedAsyncioTestCase", "typing.Any",
}


@rule(ast.Assign, ast.AnnAssign, codes=("IMG201",))
def mock_placeholder(ctx: Context, node: ast.Assign | ast.AnnAssign) -> Iterator[Finding]:
    """IMG201: `Thread = Mock`, `Agent = AsyncMock()`, `Thread = create_autospec(object)`."""
    yield from _placeholders(ctx, node, "IMG201", _a_mock)


@rule(ast.Assign, ast.AnnAssign, codes=("IMG202",))
def invented_type(ctx: Context, node: ast.Assign | ast.AnnAssign) -> Iterator[Finding]:
    """IMG202: `UserPlan = type('UserPlan', (), {...})`, `Plan = SimpleNamespace(FREE='free')`."""
    yield from _placeholders(ctx, node, "IMG202", _an_invented_type)


@rule(ast.Assign, ast.AnnAssign, codes=("IMG203",))
def generic_alias(ctx: Context, node: ast.Assign | ast.AnnAssign) -> Iterator[Finding]:
    """IMG203: `UserFlowTestBase = unittest.TestCase`, `db_fixture = dict`, `helper = lambda *a: None`."""
    yield from _placeholders(ctx, node, "IMG203", _a_generic_alias, only_code=True)


def _placeholders(ctx: Context, node: ast.Assign | ast.AnnAssign, code: str, shape: Shape,
                  only_code: bool = False) -> Iterator[Finding]:
    """`shape(ctx, name, value)`: None when the value is not of the code's kind, else whether
    an unknown CapWords name may be guessed to be a placeholder (see placeholder_homes).
    `only_code`: a home counts only where it defines the name as a class or function (a generic
    object aliased in a test stands in for code; an alias such as `Headers = str` is no code)."""
    for name, value in assigned_pairs(node):
        guess = shape(ctx, name, value)
        if guess is not None:
            homes = placeholder_homes(ctx, node, name, guess=guess, only_code=only_code)
            if homes is not None:
                yield placeholder_finding(code, node, name, homes)


def fallback_shape(ctx: Context, name: str, value: ast.expr) -> str | None:
    """The placeholder code (IMG201, IMG202, IMG203) of a value bound to `name` in place of a
    first-party import (`except ImportError: ClickError = Mock`), or None (`ClickError = None`)."""
    if ctx.facts.is_mock_class(value) or ctx.facts.is_mock_call(value):
        return "IMG201"
    if isinstance(value, ast.Call) and len(value.args) >= INVENTED_TYPES.get(ctx.facts.qualified(value.func), 99):
        return "IMG202"
    return "IMG203" if _a_generic_alias(ctx, name, value) is not None else None


def _a_mock(ctx: Context, name: str, value: ast.expr) -> bool | None:
    facts = ctx.facts
    return True if facts.is_mock_class(value) or facts.is_mock_call(value) and is_capwords(name) else None


def _an_invented_type(ctx: Context, name: str, value: ast.expr) -> bool | None:
    """A CapWords name is guessed only when the project or its suite knows it; a lower-case one
    built by `type(name, bases, namespace)` stands in for a function (see placeholder_homes)."""
    if not isinstance(value, ast.Call):
        return None
    kind = ctx.facts.qualified(value.func)
    needed = INVENTED_TYPES.get(kind)
    if needed is None or len(value.args) < needed:
        return None
    if is_capwords(name):
        return False
    return True if kind == "builtins.type" else None


def _a_generic_alias(ctx: Context, name: str, value: ast.expr) -> bool | None:
    generic = ctx.facts.qualified(value) if isinstance(value, (ast.Name, ast.Attribute)) else ""
    if generic in GENERIC_OBJECTS and generic.rpartition(".")[2] != name:
        return ctx.facts.subclassed(name)
    return False if _does_nothing(value) else None


def _does_nothing(value: ast.expr) -> bool:
    """`lambda *args, **kwargs: None`: accepts anything, checks nothing."""
    return (isinstance(value, ast.Lambda) and bool(value.args.vararg or value.args.kwarg)
            and isinstance(value.body, ast.Constant))


def placeholder_homes(ctx: Context, node: ast.stmt, name: str, guess: bool, only_code: bool = False
                      ) -> list[str] | None:
    """Where the first-party code `name` stands for lives ([] when nowhere), or None when the
    binding is no placeholder. `guess`: see the module doc (CapWords, once, unconditionally; or a
    lower-case name bound once at module level to a mock class or a made-up type, and called)."""
    facts = ctx.facts
    if (name.startswith("__") or name in facts.imported or not ctx.runs(node) or facts.in_function(node)
            or facts.in_other_class(node) or name in ctx.defined_for_type_checkers):
        return None  # ... or the runtime stand-in of what the file itself defines for type checkers
    own = ctx.own_modules
    homes = ctx.homes.of(name, "", own)
    if homes and (is_capwords(name) and not only_code or _defines_callable(ctx, name, homes)):
        return _ranked(ctx, name, homes, own)
    if any(module not in own for module in ctx.project.suite.importers(name)):  # asked of this module, it is the home
        return _ranked(ctx, name, homes, own)
    if guess and imported_by_pytest(ctx.path) and not says_it_is_fake(name) and facts.unconditional(node) \
            and facts.bindings[name] == 1:  # (a helper's stand-in defined nowhere else is what it offers)
        if is_capwords(name):
            return []
        if isinstance(ctx.parents.get(id(node)), ast.Module) and ctx.uses(name).called:
            return []  # `assert_registered = Mock`, called by the tests: a function that is not there
    return None


def _ranked(ctx: Context, name: str, homes: list[str], own: frozenset[str]) -> list[str]:
    """Homes ranked by the modules the suite imports `name` from, when there is a choice."""
    if len(homes) < 2:
        return homes
    asked = ctx.project.suite.importers(name)
    return ctx.homes.of(name, asked[0], own) if asked else homes


def _defines_callable(ctx: Context, name: str, homes: list[str]) -> bool:
    """A lower-case name counts only as a first-party function or class, not as a variable
    (`logger`, `app`, `settings` are bound in many modules and mocked for good reasons)."""
    for module in homes:
        for _ in range(3):  # follow a re-export a few steps to the definition
            loc = ctx.finder.find_module(module, ctx.layout.source_roots)
            if loc is None or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not loc.file:
                break
            summary = ctx.store.summary(loc)
            kind = summary.names.get(name)
            if kind in (SymbolKind.CLASS, SymbolKind.FUNCTION):
                return True
            origin = summary.origins.get(name)
            if not origin or origin[1] != name:
                break
            module = origin[0]
    return False


def placeholder_finding(code: str, node: ast.Assign | ast.AnnAssign, name: str, homes: list[str]) -> Finding:
    if not homes:
        return Finding(code, node.lineno, node.col_offset, name=name, hint=Hint(HintKind.NOWHERE, (name,)))
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    alone = len(targets) == 1 and isinstance(targets[0], ast.Name)
    fix = Fix(FixKind.REPLACE_PLACEHOLDER, node.lineno, name=name, target_module=homes[0], target_name=name,
              certain=alone and len(homes) == 1)
    return Finding(code, node.lineno, node.col_offset, name=name, module=homes[0],
                   hint=Hint(HintKind.LIVES_IN, tuple(homes[:3])), fix=fix)
