"""Expected findings written inline in fixture files, and the interpreter's own verdict.

A marker is a trailing comment: `from app.models import UserSession  # IMG102`.
Several codes: `# IMG102 IMG102`. A message check: `# IMG102 "did you mean 'Session'"`.
`# unknown` marks an import that fails in CPython but that the tool must, by design, leave
alone (it cannot be sure statically, e.g. a compiled extension).
Every unmarked line asserts silence.
"""
from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tokenize
from collections import Counter
from dataclasses import dataclass

MARK = re.compile(r"#\s*((?:IMG\d{3}\s*)+)((?:\"[^\"]*\"\s*)*)$")
UNKNOWN = re.compile(r"#\s*unknown\b")
TEXT = re.compile(r"\"([^\"]*)\"")


@dataclass
class Expected:
    codes: Counter  # (line, code) -> count
    texts: dict  # line -> [substrings]
    unknown: set  # lines


def expected_in(path: str) -> Expected:
    codes: Counter = Counter()
    texts: dict = {}
    unknown: set = set()
    with open(path, "rb") as f:
        try:
            tokens = list(tokenize.tokenize(f.readline))
        except (tokenize.TokenError, SyntaxError):
            tokens = []
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        line = tok.start[0]
        match = MARK.search(tok.string)
        if match:
            for code in match.group(1).split():
                codes[(line, code)] += 1
            texts.setdefault(line, []).extend(TEXT.findall(match.group(2)))
        if UNKNOWN.search(tok.string):
            unknown.add(line)
    return Expected(codes, texts, unknown)


def fixture_files(root: str):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for filename in sorted(filenames):
            if filename.endswith(".py"):
                yield os.path.join(dirpath, filename)


_RUNNER = r'''
import importlib, json, os, sys
cases = json.load(sys.stdin)
roots = sorted({os.path.join(case.get("root") or %(cwd)r, "") for case in cases})
base_path = [p for p in sys.path if p and os.path.join(p, "") not in roots]

def ours(module):
    try:
        paths = [getattr(module, "__file__", None) or ""] + list(getattr(module, "__path__", []) or [])
        return any(str(p).startswith(root) for p in paths for root in roots)
    except BaseException:
        return True  # a module that misbehaves on attribute access is a fixture module

results = []
for case in cases:
    for name, module in list(sys.modules.items()):
        if ours(module):
            del sys.modules[name]
    sys.path[:] = case["search"] + base_path
    importlib.invalidate_caches()
    namespace = {"__name__": case["module"], "__package__": case["package"] or None}
    for kind, what in case.get("before", ()):  # as `pytest FILE` runs: conftests, packages, earlier lines
        try:
            if kind == "conftest" and "." not in what:
                sys.modules.pop(what, None)  # pytest forgets an earlier `conftest` outside a package
            if kind == "exec":
                exec(compile(what, case["file"], "exec"), namespace)
            else:
                importlib.import_module(what)
        except BaseException:
            if kind != "exec":  # pytest never imports the file: each statement is judged alone
                for name, module in list(sys.modules.items()):
                    if ours(module):
                        del sys.modules[name]
                importlib.invalidate_caches()
                break
    for name in case.get("warm", ()):  # as pytest may have, in the same process, before this file
        try:
            importlib.import_module(name)
        except BaseException:
            pass
    try:
        if case.get("retry"):  # a whole-suite run: the same import attempted once before
            try:
                exec(compile(case["statement"], case["file"], "exec"), dict(namespace))
            except BaseException:
                pass
        exec(compile(case["statement"], case["file"], "exec"), namespace)
        results.append("ok")
    except ImportError:
        results.append("fails")
    except AttributeError as exc:  # `from m import *` whose `__all__` lists a name m lacks, here or in a chain
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        at_top = tb.tb_frame.f_code.co_name == "<module>" and str(exc).startswith("module ")
        results.append("fails" if at_top else "error: AttributeError: %%s" %% exc)
    except NameError as exc:  # a module-level read of a name the module does not bind, here or in a chain
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        results.append("fails" if tb.tb_frame.f_code.co_name == "<module>" else "error: NameError: %%s" %% exc)
    except KeyError as exc:  # a namespace package whose parent failed earlier: CPython cannot search it
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        orphan = tb.tb_frame.f_code.co_name == "_get_parent_path"
        results.append("orphan" if orphan else "error: KeyError: %%s" %% exc)
    except BaseException as exc:
        results.append("error: %%s: %%s" %% (exc.__class__.__name__, exc))
print(json.dumps(results))
'''


def _statements(node) -> list[str]:
    if isinstance(node, ast.Import):
        return [f"import {a.name}" for a in node.names]
    if isinstance(node, ast.ImportFrom):
        dots = "." * node.level
        return [f"from {dots}{node.module or ''} import {a.name}" for a in node.names]
    return []


def import_cases(path: str, layout) -> list[dict]:
    """One case per imported module or name, as CPython runs it when `pytest FILE` imports the
    file in a fresh interpreter: the conftests from the root down, the file's packages, the
    file's module-level imports above it (each may fail: the next one still runs; all of them for
    an import in a function or a block), then it.
    When a conftest or a package of the file fails, pytest never imports the file (the conftest's
    or package's own line is the finding): its statements are then judged each alone, as the
    first import of a fresh interpreter."""
    with open(path, "rb") as f:
        tree = ast.parse(f.read())
    module, package = layout.module_name(path)
    search = list(layout.fresh_search(path))
    before = [["conftest", layout.module_name(c)[0]] for c in layout.conftests(path)]
    before += [["import", package]] if package else []
    top = [(node.lineno, s) for node in tree.body for s in _statements(node)]
    never_run = set()  # statements under `if TYPE_CHECKING:` never execute
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = getattr(test, "id", None) or getattr(test, "attr", None)
            if name == "TYPE_CHECKING" or (isinstance(test, ast.Constant) and test.value is False):
                never_run.update(id(sub) for stmt in node.body for sub in ast.walk(stmt))
    cases = []
    for node in ast.walk(tree):
        if id(node) in never_run:
            continue
        for statement in _statements(node):
            inside = node not in tree.body  # in a function (or a block): runs once the file is imported
            earlier = [["exec", s] for line, s in top if inside or line < node.lineno]
            cases.append({"line": node.lineno, "statement": statement, "file": path, "module": module,
                          "package": package, "search": search, "before": before + earlier})
    return cases


def interpreter_verdicts(root: str, cases: list[dict]) -> list[str]:
    """What CPython says for each case: "ok", "fails" (ImportError, the AttributeError of a star
    import whose module's `__all__` lists a name the module lacks, or the NameError of a module's
    read of a name it does not bind as it runs), "orphan" (a KeyError: a
    namespace package left in sys.modules by a parent that failed cannot be searched) or "error: ...".

    One subprocess runs them all; a case may name its own project "root" (default `root`),
    so that cases of many projects share one interpreter. Between cases every module of
    every root is forgotten: each statement runs as if it were the first import, unless the
    case lists modules to import first ("warm"; their errors ignored), as other test files
    collected earlier in the same pytest process may have, or asks for the statement to be
    attempted once before ("retry": a whole-suite run that imported it in an earlier file).
    """
    if not cases:
        return []
    proc = subprocess.run(
        [sys.executable, "-I", "-B", "-c", _RUNNER % {"cwd": root}],  # -I ignores PYTHONDONTWRITEBYTECODE
        input=json.dumps(cases), capture_output=True, text=True, cwd=root, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])
