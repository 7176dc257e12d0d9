"""IMG204 swallowed-import-error, IMG205 sys-modules-placeholder, IMG206 optional-first-party:
a first-party module that a test treats as optional or replaces wholesale.

An ImportError around first-party code is an honest optional dependency when the module
imports third-party code (or compiled, generated code): then IMG204 and IMG206 stay silent
unless the first-party part itself is missing. Optional third-party imports are never ours.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.analysis.suggest import common_home
from flake8_importguard.base.model import Finding, Fix, FixKind, Hint, HintKind, Verdict
from flake8_importguard.base.syntax import SKIP_EXCEPTIONS, catches_import_error, last_name, reraises, statement_binds
from flake8_importguard.lint.facts import FileFacts, assigned_pairs, is_test_class
from flake8_importguard.lint.registry import rule
from flake8_importguard.lint.rules.placeholders import fallback_shape

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context


# -- IMG204 ------------------------------------------------------------------------------------
@rule(*(t for t in (ast.Try, getattr(ast, "TryStar", None)) if t is not None), codes=("IMG204",))
def swallowed_import_error(ctx: Context, node: ast.Try) -> Iterator[Finding]:
    handlers = [h for h in node.handlers if catches_import_error(h, broad=False)]
    if not handlers or not ctx.runs(node) or any(reraises(h) or _imports_again(h, node) for h in handlers):
        return
    if any(ctx.project.fallibility.may_be_missing(top) for top in _outside_tops(ctx, node.body)):
        return  # `try: import ssl` / `from urllib3.util import ssl_`: the error may be ssl's
    if _expects_failure(node.orelse):
        return  # `else: pytest.fail(...)`: the test checks that the import fails
    for stmt in node.body:
        for module, aliases in _first_party_imports(ctx, stmt):
            finding = _swallowed(ctx, node, stmt, module, aliases)
            if finding is not None:
                yield finding


def _outside_tops(ctx: Context, stmts: list[ast.stmt]) -> set[str]:
    """Top-level names of the modules outside the project that the statements import."""
    tops = set()
    for stmt in stmts:
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Import):
                tops |= {a.name.split(".")[0] for a in sub.names}
            elif isinstance(sub, ast.ImportFrom) and not sub.level and sub.module:
                tops.add(sub.module.split(".")[0])
    return {top for top in tops if not ctx.is_first_party(top)}


def _first_party_imports(ctx: Context, stmt: ast.stmt) -> list[tuple[str, list[ast.alias]]]:
    found: list[tuple[str, list[ast.alias]]]
    if isinstance(stmt, ast.Import):
        found = [(alias.name, []) for alias in stmt.names]
    elif isinstance(stmt, ast.ImportFrom):
        found = [(ctx.absolute(stmt), [a for a in stmt.names if a.name != "*"])]
    else:
        return []
    return [(m, a) for m, a in found if ctx.is_first_party(m)]


def _swallowed(ctx: Context, node: ast.Try, stmt: ast.stmt, module: str, aliases: list[ast.alias]) -> Finding | None:
    verdict = ctx.resolver.resolve_module(module, ctx.search).verdict
    if verdict is Verdict.MISSING:
        missing = [a.name for a in aliases]
    elif verdict is Verdict.EXISTS:
        verdicts = [ctx.resolver.resolve_name(module, a.name, ctx.search).verdict for a in aliases]
        missing = [a.name for a, found in zip(aliases, verdicts) if found is Verdict.MISSING]
        submodules = [f"{module}.{a.name}" for a in aliases
                      if ctx.finder.find_module(f"{module}.{a.name}", ctx.search) is not None]
        fallible = ctx.project.fallibility
        optional = not missing and (
            Verdict.UNKNOWN in verdicts  # a name a build may make (peewee's `playhouse._sqlite_udf`, a .pyx)
            or any(fallible.may_fail_elsewhere(m, ctx.search) for m in [module, *submodules])
            # `try: from ._speedups import fast` in the module: it may lack the name
            or bool({a.name for a in aliases} & fallible.maybe_unbound(module, ctx.search)))
        if optional:  # an honest optional dependency, unless a placeholder stands in where it fails
            placeholder = _placeholder_fallback(ctx, node, aliases)
            if placeholder is None:
                return None
            name = next(a.name for a in aliases if (a.asname or a.name) == placeholder.candidates[0])
            return _finding(ctx, stmt, module, name, placeholder, None)
    else:
        return None
    hint, homes = _hint(ctx, module, missing, aliases)
    fix = None
    if len(aliases) == 1 and (not missing or homes):
        alias = aliases[0]
        alone = len(node.body) == 1 and not node.orelse and not node.finalbody and all(
            catches_import_error(h, broad=False) for h in node.handlers)
        fix = Fix(FixKind.REPLACE_PLACEHOLDER, node.lineno, name=alias.asname or alias.name,
                  target_module=homes[0] if missing else module, target_name=alias.name,
                  certain=alone and (not missing or len(homes) == 1))
    if missing:
        return Finding("IMG204", stmt.lineno, stmt.col_offset, name=missing[0], module=module, hint=hint, fix=fix)
    return _finding(ctx, stmt, module, aliases[0].name if aliases else "", hint, fix)


def _finding(ctx: Context, stmt: ast.stmt, module: str, name: str, hint: Hint | None, fix: Fix | None) -> Finding:
    """IMG204 of an import that works."""
    if name and ctx.finder.find_module(f"{module}.{name}", ctx.search) is not None:
        module = f"{module}.{name}"  # `from app.storage import clickhouse`: the module is the submodule
    return Finding("IMG204", stmt.lineno, stmt.col_offset, name=name, module=module, hint=hint, fix=fix)


_FALLBACKS = {"IMG201": HintKind.FALLBACK_MOCK, "IMG202": HintKind.FALLBACK_TYPE, "IMG203": HintKind.FALLBACK_ALIAS}


def _placeholder_fallback(ctx: Context, node: ast.Try, aliases: list[ast.alias]) -> Hint | None:
    """`except ImportError: ClickError = Mock`: a placeholder (a mock, an invented type, a generic
    alias) that an imported name falls back to, whatever the import does (`= None` is none)."""
    wanted = {alias.asname or alias.name for alias in aliases}
    for handler in node.handlers:
        if not catches_import_error(handler, broad=False) or _skips_on(ctx.tree, handler):
            continue
        for sub in (n for stmt in handler.body for n in ast.walk(stmt)):
            if isinstance(sub, (ast.Assign, ast.AnnAssign)):
                for name, value in assigned_pairs(sub):
                    code = fallback_shape(ctx, name, value) if name in wanted else None
                    if code is not None and _tests_use(ctx.tree, name):
                        return Hint(_FALLBACKS[code], (name,))
    return None


def _skips_on(tree: ast.Module, handler: ast.ExceptHandler) -> bool:
    """Does the handler record the failure in a name that the file skips its tests on? Then the
    placeholders it binds only let the module import (`class MockConnection(SSHConnection)`),
    and no test runs against them: twisted's `except ImportError: skipTest = "Conch SSH not
    supported."; SSHService = object` above `@skipIf(skipTest, skipTest)`; `HAS_X = False` above
    `pytest.mark.skipif(not HAS_X, ...)`; trial's class attribute `skip = reason`."""
    flags = {name for stmt in handler.body if isinstance(stmt, ast.Assign)
             and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, (str, bool, type(None)))
             for target in stmt.targets if isinstance(target, ast.Name) for name in [target.id]}
    if not flags:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and last_name(node.func) in _SKIP_CALLS:
            decided = [*node.args, *(k.value for k in node.keywords if k.arg == "condition")]
        elif isinstance(node, ast.If) and any(
                isinstance(sub, ast.Call) and last_name(sub.func) in _SKIP_CALLS or isinstance(sub, ast.Raise)
                and last_name(sub.exc.func if isinstance(sub.exc, ast.Call) else sub.exc) in SKIP_EXCEPTIONS
                for stmt in node.body for sub in ast.walk(stmt)):
            decided = [node.test]  # `if not HAS_X: pytest.skip(...)`
        elif isinstance(node, ast.ClassDef):  # twisted.trial: `skip = reason` in the class body
            decided = [stmt.value for stmt in node.body if isinstance(stmt, ast.Assign)
                       and any(isinstance(t, ast.Name) and t.id == "skip" for t in stmt.targets)]
        else:
            continue
        if any(isinstance(sub, ast.Name) and sub.id in flags for value in decided for sub in ast.walk(value)):
            return True
    return False


_SKIP_CALLS = {"skipIf", "skipUnless", "skipif", "skip", "skipTest"}


def _tests_use(tree: ast.Module, name: str) -> bool:
    """Is `name` read in a function (a test, a fixture, a helper) or a test class? A placeholder
    read only by module-level code or another class (Django's `class Migration: operations =
    [HStoreExtension()]`, loaded only so that the module imports) is not what the tests run against."""
    scopes = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
              or isinstance(node, ast.ClassDef) and is_test_class(node)]
    return any(isinstance(sub, ast.Name) and sub.id == name and isinstance(sub.ctx, ast.Load)
               for scope in scopes for sub in ast.walk(scope))


def _hint(ctx: Context, module: str, missing: list[str], aliases: list[ast.alias]) -> tuple[Hint | None, list[str]]:
    """Where the missing names live now (and the homes of a single one), or where the module might be."""
    if not missing:
        return None, []
    if not aliases:
        like = ctx.homes.modules_like(module)
        return (Hint(HintKind.MODULE_NEAR, tuple(like)) if like else None), []
    homes = {name: ctx.homes_of(name, module, exclude=module) for name in missing}
    if len(missing) == 1:
        found = homes[missing[0]]
        hint = Hint(HintKind.LIVES_IN, tuple(found[:3])) if found else Hint(HintKind.NOWHERE, tuple(missing))
        return hint, found
    best = common_home(homes)
    if best:
        return Hint(HintKind.NAMES_LIVE_IN, tuple(missing), best), []
    if not any(homes.values()):
        return Hint(HintKind.NOWHERE, tuple(missing)), []
    return Hint(HintKind.PER_NAME, homes=tuple((n, tuple(h[:3])) for n, h in homes.items())), []


def _expects_failure(orelse: list[ast.stmt]) -> bool:
    for sub in (n for stmt in orelse for n in ast.walk(stmt)):
        if isinstance(sub, (ast.Raise, ast.Assert)):
            return True
        if isinstance(sub, ast.Call) and (getattr(sub.func, "attr", "") or getattr(sub.func, "id", "")) == "fail":
            return True
    return False


def _imports_again(handler: ast.ExceptHandler, node: ast.Try) -> bool:
    """`except ImportError: from helpers import X`: a fallback import of the same name."""
    def imported(stmts: list[ast.stmt]) -> set[str]:
        """The names the statements import ("*" for a star import: any name may be the same)."""
        return {name for s in stmts for sub in ast.walk(s) if isinstance(sub, (ast.Import, ast.ImportFrom))
                for name in [*statement_binds(sub), *("*" for a in sub.names if a.name == "*")]}

    return bool(imported(node.body) & imported(handler.body))


# -- IMG205 ------------------------------------------------------------------------------------
@rule(ast.Assign, codes=("IMG205",))
def sys_modules_item(ctx: Context, node: ast.Assign) -> Iterator[Finding]:
    """`sys.modules['app.billing'] = MagicMock()`."""
    facts = ctx.facts
    for target in node.targets if ctx.runs(node) else ():
        if isinstance(target, ast.Subscript) and _is_sys_modules(facts, target.value):
            yield from _replaced(ctx, node, target.slice, node.value)


@rule(ast.Call, codes=("IMG205",))
def sys_modules_call(ctx: Context, node: ast.Call) -> Iterator[Finding]:
    """`patch.dict(sys.modules, {...})`, `sys.modules.update({...})`, `monkeypatch.setitem(sys.modules, ...)`."""
    facts = ctx.facts
    func, args = node.func, node.args
    if not isinstance(func, ast.Attribute):
        return
    pairs: list[tuple[ast.expr, ast.expr]] = []
    if _is_sys_modules(facts, func.value):
        if func.attr == "update" and args and isinstance(args[0], ast.Dict):
            pairs = _items(args[0])
        elif func.attr in ("setdefault", "__setitem__") and len(args) == 2:
            pairs = [(args[0], args[1])]
    elif func.attr == "dict" and _names_patch(func.value) and len(args) >= 2 and _is_sys_modules(facts, args[0]):
        pairs = _items(args[1]) if isinstance(args[1], ast.Dict) else []
    elif func.attr == "setitem" and len(args) == 3 and _is_sys_modules(facts, args[0]):
        pairs = [(args[1], args[2])]
    for key, value in pairs:
        yield from _replaced(ctx, node, key, value)


def _items(mapping: ast.Dict) -> list[tuple[ast.expr, ast.expr]]:
    return [(k, v) for k, v in zip(mapping.keys, mapping.values) if k is not None]


def _names_patch(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Name) and expr.id == "patch" or isinstance(expr, ast.Attribute) and expr.attr == "patch"


def _is_sys_modules(facts: FileFacts, expr: ast.expr) -> bool:
    return facts.qualified(expr) == "sys.modules" or isinstance(expr, ast.Constant) and expr.value == "sys.modules"


def _replaced(ctx: Context, node: ast.stmt | ast.expr, key: ast.expr, value: ast.expr) -> Iterator[Finding]:
    module = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
    if not ctx.is_first_party(module):
        return
    if not ctx.facts.is_fake_module(value):
        return
    verdict = ctx.resolver.resolve_module(module, ctx.search).verdict
    if verdict is not Verdict.UNKNOWN:
        yield Finding("IMG205", node.lineno, node.col_offset, module=module, hint=_module_hint(ctx, module))


# -- IMG206 ------------------------------------------------------------------------------------
@rule(ast.Call, codes=("IMG206",))
def importorskip(ctx: Context, node: ast.Call) -> Iterator[Finding]:
    """`pytest.importorskip('app.billing')`."""
    if ctx.facts.qualified(node.func) != "pytest.importorskip":
        return
    arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "modname"), None)
    module = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else ""
    if not ctx.is_first_party(module):
        return
    verdict = ctx.resolver.resolve_module(module, ctx.search).verdict
    if verdict is Verdict.MISSING or (
            verdict is Verdict.EXISTS and not ctx.project.fallibility.may_fail_elsewhere(module, ctx.search)):
        yield Finding("IMG206", node.lineno, node.col_offset, module=module, hint=_module_hint(ctx, module))


def _module_hint(ctx: Context, module: str) -> Hint | None:
    if ctx.resolver.resolve_module(module, ctx.search).verdict is not Verdict.MISSING:
        return None
    like = ctx.homes.modules_like(module)
    return Hint(HintKind.MODULE_NEAR, tuple(like)) if like else None
