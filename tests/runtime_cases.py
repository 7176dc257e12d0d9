"""Patch targets and module attributes as CPython sees them (the IMG401 / IMG103 ground truth).

For a fixture file, `runtime_cases` lists two kinds of case, each with its line span:

* every call whose function is a plain name or attribute chain (`patch`, `mock.patch.object`,
  `mocker.patch`, `monkeypatch.setattr`, ...): the runner evaluates the function, and when it
  is one of mock's patchers, pytest-mock's (a stand-in that starts mock's patchers) or a
  `MonkeyPatch` method, it runs the call and starts and stops the patcher (or undoes the
  monkeypatch): "fails" when that raises AttributeError or ImportError;
* every attribute read on a name the file imports (not shadowed by the enclosing function's
  parameters or assignments): the runner gets the attributes one by one while the object is a
  module, and stops at the first that is not: "fails" on AttributeError.

Each case runs alone, in one subprocess for the whole list, after every module of the fixture
project is forgotten, in a namespace that holds what the file's module-level imports (and
constant assignments) bind, plus `mocker` and `monkeypatch`. Outcomes: "ok", "fails", "skip"
(not a patch call, not a module), "chain" (it fails inside a first-party module that an import
on the way runs: the import is what breaks, IMG105's business), "unreachable" (a module-level
import it needs failed, or left the import system half done: that import is judged as an
import) or "error: ..." (the fixture is broken).
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

from flake8_importguard.base.syntax import dotted

_RUNNER = r'''
import ast, importlib, json, os, sys, types, unittest.mock
from _pytest.monkeypatch import MonkeyPatch

sys.modules.setdefault("mock", unittest.mock)  # the standalone package has the same API
cases = json.load(sys.stdin)
roots = sorted({os.path.join(case["root"], "") for case in cases})
base_path = [p for p in sys.path if p and os.path.join(p, "") not in roots]


class _Starter:
    """pytest-mock's `mocker.patch` (and .object, .dict, .multiple): mock's patcher, started."""
    def __init__(self, patcher):
        self.patcher = patcher
    def __call__(self, *args, **kwargs):
        return self.patcher(*args, **kwargs).start()
    def __getattr__(self, name):
        return _Starter(getattr(self.patcher, name))


PATCHERS = {unittest.mock.patch, unittest.mock.patch.object, unittest.mock.patch.dict, unittest.mock.patch.multiple}
MONKEY = {MonkeyPatch.setattr, MonkeyPatch.delattr}


def ours(module):
    try:
        paths = [getattr(module, "__file__", None) or ""] + list(getattr(module, "__path__", None) or [])
        return any(str(p).startswith(root) for p in paths for root in roots)
    except BaseException:
        return True  # a namespace portion whose parent is already forgotten


def forget():
    for name, module in list(sys.modules.items()):
        if ours(module):
            del sys.modules[name]


def namespace(case):
    forget()
    sys.path[:] = case["search"] + base_path
    importlib.invalidate_caches()
    ns = {"__name__": case["module"], "__package__": case["package"] or None}
    for statement in case["setup"]:
        try:
            exec(compile(statement, case["file"], "exec"), ns)
        except BaseException:
            ns.setdefault("__failed_setup__", True)
    monkeypatch = MonkeyPatch()
    ns.update(mocker=types.SimpleNamespace(patch=_Starter(unittest.mock.patch)), monkeypatch=monkeypatch)
    return ns, monkeypatch


def call(case, ns):
    try:
        func = eval(case["func"], ns)
    except BaseException:
        return "skip"
    if isinstance(func, _Starter) or any(func is patcher for patcher in PATCHERS):  # (a MarkDecorator: unhashable)
        patcher = eval(case["source"], ns)
        if not isinstance(func, _Starter):
            patcher.start()
            patcher.stop()
        return "ok"
    if getattr(func, "__func__", None) in MONKEY:
        eval(case["source"], ns)
        return "ok"
    return "skip"


def in_project_code(exc, case):
    """Did the exception come from the module-level code of a first-party module (an import on
    the way that fails), not from a module `__getattr__` or the test's own line?"""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "<module>" and code.co_filename != case["file"] and any(
                code.co_filename.startswith(root) for root in roots):
            return True
        tb = tb.tb_next
    return False


def chained(case):
    """Does a module that the case's target strings name fail to import inside first-party code?
    (mock and pytest swallow such an ImportError while they look for the module, then fail on
    an attribute of its package.)"""
    strings = [n.value for n in ast.walk(ast.parse(case["source"]))
               if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    for target in strings:
        parts = target.split(".")
        for i in range(1, len(parts) + 1):
            try:
                importlib.import_module(".".join(parts[:i]))
            except ImportError as exc:
                if in_project_code(exc, case):
                    return True
                break
            except BaseException:
                break
    return False


def attribute(case, ns):
    head, *parts = case["source"].split(".")
    if head not in ns and ns.get("__failed_setup__"):
        return "unreachable"
    if head not in ns or not isinstance(ns[head], types.ModuleType):
        return "skip"
    current = ns[head]
    for part in parts:
        if not isinstance(current, types.ModuleType):
            return "ok"
        current = getattr(current, part)
    return "ok"


results = []
for case in cases:
    ns, monkeypatch = namespace(case)
    try:
        results.append((call if case["kind"] == "call" else attribute)(case, ns))
    except NameError:
        results.append("unreachable" if ns.get("__failed_setup__") else "error: NameError")
    except (AttributeError, ImportError) as exc:
        results.append("chain" if in_project_code(exc, case) or chained(case) else "fails")
    except BaseException as exc:  # after a failed module-level import, the import system's state is the test's
        results.append("unreachable" if ns.get("__failed_setup__") else "error: %s: %s" % (
            exc.__class__.__name__, exc))
    finally:
        unittest.mock.patch.stopall()
        monkeypatch.undo()
print(json.dumps(results))
'''


def _setup(tree: ast.Module) -> list[str]:
    """The module-level imports, and assignments of constants, as statements to run."""
    statements = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (
                isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)):
            statements.append(ast.unparse(node))
    return statements


def _shadowed(name: str, node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """Does an enclosing function bind `name` (a parameter, an assignment, an import)?"""
    current = parents.get(id(node))
    while current is not None:
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = current.args
            params = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg] if a}
            stored = {n.id for n in ast.walk(current) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(current)
                        if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
            if name in params | stored | imported:
                return True
        current = parents.get(id(current))
    return False


def runtime_cases(path: str, layout, root: str) -> list[dict]:
    with open(path, "rb") as f:
        source = f.read().decode("utf-8")
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(tree)
                if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    module, package = layout.module_name(path)
    common = {"root": root, "file": path, "module": module, "package": package,
              "search": list(layout.search_path(path)), "setup": _setup(tree)}
    future = any(isinstance(n, ast.ImportFrom) and n.module == "__future__" and any(
        a.name == "annotations" for a in n.names) for n in tree.body)
    never = {id(sub) for node in ast.walk(tree) for annotation in _annotations(node) if future
             for sub in ast.walk(annotation)}  # with `from __future__ import annotations`
    cases = []
    for node in ast.walk(tree):
        if id(node) in never:
            continue
        span = [node.lineno, getattr(node, "end_lineno", node.lineno)] if hasattr(node, "lineno") else []
        if isinstance(node, ast.Call) and dotted(node.func):
            cases.append({**common, "kind": "call", "span": span, "func": ast.unparse(node.func),
                          "source": ast.unparse(node)})
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and dotted(node):
            head = dotted(node).split(".")[0]
            if head in imported and not _shadowed(head, node, parents):
                cases.append({**common, "kind": "attribute", "span": span, "source": dotted(node)})
    return cases


def _annotations(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, (ast.arg, ast.AnnAssign)):
        return [node.annotation] if node.annotation else []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return [node.returns] if node.returns else []
    return []


def runtime_verdicts(cases: list[dict], cwd: str) -> list[str]:
    """What CPython says for each case (see the module doc)."""
    if not cases:
        return []
    proc = subprocess.run([sys.executable, "-I", "-B", "-c", _RUNNER], input=json.dumps(cases), capture_output=True,
                          text=True, cwd=cwd, timeout=300, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])
