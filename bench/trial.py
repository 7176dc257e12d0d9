"""The trial: importguard's verdicts beside what `pytest --collect-only FILE` does, on real projects.

    python bench/trial.py --workdir /tmp/trial/work                      # every project, every breakage
    python bench/trial.py --workdir /tmp/trial/work --project click --breakage rename-name
    python bench/trial.py --workdir /tmp/trial/work --list               # the breakages each project gets

Each project's sdist (which ships its tests) is downloaded at run time into the work directory and
never committed. A trial is a fresh copy of it, clean or with one named breakage applied to its
package (never to its tests, but for `break-conftest` when a conftest imports only a test helper).
The judge runs `python -m pytest --collect-only -q FILE` for every test file, each in a fresh process
from the project root, in a virtualenv of the work directory that holds pytest and the project's own
test dependencies (the project itself is on PYTHONPATH, as its src layout says). importguard runs
with the interpreter this script runs with. Per file: a false alarm is a file we say fails to import
(a finding of the family BROKEN_IMPORT on a line that runs at import time, or a test module a broken
conftest blocks) that pytest collects; a miss is a file pytest cannot collect (and collects in the
clean trial) where we are silent.
"""
from __future__ import annotations

import argparse
import ast
import concurrent.futures
import configparser
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from flake8_importguard.base.codes import CODES, Family
from flake8_importguard.index.packaging import read_toml
from flake8_importguard.index.runtime import import_steps


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    deps: tuple[str, ...]  # what its tests import from outside (pytest included)


PYTEST = "pytest<9"  # as of these releases: pytest 9 turns their parametrize iterators into collection errors
PROJECTS = {p.name: p for p in (
    Project("itsdangerous", "2.2.0", (PYTEST, "freezegun")),
    Project("click", "8.1.7", (PYTEST,)),
    Project("marshmallow", "3.21.3", (PYTEST, "pytz", "simplejson")),
    Project("attrs", "24.2.0", (PYTEST, "hypothesis", "cloudpickle", "pympler")),
    Project("jinja2", "3.1.4", (PYTEST, "markupsafe")),  # no trio: hypothesis loads its plugin, which imports attrs
    Project("packaging", "24.1", (PYTEST, "pretend")),
    Project("more-itertools", "10.3.0", (PYTEST,)),
    Project("cachetools", "5.3.3", (PYTEST,)),
    Project("pluggy", "1.5.0", (PYTEST,)),
    Project("flask", "3.0.3", (PYTEST, "werkzeug>=3.0,<3.1", "jinja2", "itsdangerous", "click", "blinker",
                               "python-dotenv")),
    Project("sqlparse", "0.5.1", (PYTEST,)),
    Project("markdown", "3.6", (PYTEST, "pyyaml")),
    Project("exceptiongroup", "1.2.2", (PYTEST,)),
    Project("pyparsing", "3.1.2", (PYTEST, "railroad-diagrams", "jinja2")),
    Project("tomlkit", "0.13.0", (PYTEST, "pyyaml")),
    # its tests patch with every argument by keyword (`monkeypatch.setattr(target=..., name=...)`); its
    # configuration sets pytest-asyncio's `asyncio_mode` (unknown to pytest without it: every file fails
    # to collect); before 0.24, whose warning about an unset loop scope fails the suites that turn
    # warnings into errors
    Project("structlog", "24.4.0", (PYTEST, "pretend", "freezegun", "simplejson", "pytest-asyncio<0.24")),
    Project("pyjwt", "2.9.0", (PYTEST, "cryptography")),
    Project("waitress", "3.0.2", (PYTEST, "pytest-cov")),  # src layout; its addopts hold --cov
    Project("webob", "1.8.11", (PYTEST,)),  # testpaths: src/webob (doctests), then tests
    Project("boltons", "26.2.0", (PYTEST,)),
)}
SUFFIX = "_renamed"


# -- the project as it is ----------------------------------------------------------------------------
@dataclass
class Source:
    """What the trial needs to know of an unpacked project."""
    root: str
    src: str  # the source root, relative: "src" or "."
    tests: str  # the test directory, relative
    patterns: tuple[str, ...]  # pytest's python_files
    packages: list[str] = field(default_factory=list)  # top-level first-party packages
    modules: dict[str, str] = field(default_factory=dict)  # dotted name -> path relative to root (.py)
    trees: dict[str, ast.Module] = field(default_factory=dict)

    def is_ours(self, module: str) -> bool:
        return module.split(".")[0] in self.packages

    def test_files(self) -> list[str]:
        """Every test module under the tests directory (by python_files), relative to the root."""
        found = []
        for directory, dirs, files in os.walk(os.path.join(self.root, self.tests)):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            for f in sorted(files):
                if f.endswith(".py") and f != "conftest.py" and any(fnmatch.fnmatch(f, p) for p in self.patterns):
                    found.append(os.path.relpath(os.path.join(directory, f), self.root))
        return sorted(found)

    def test_sources(self) -> list[str]:
        """Every .py file under the tests directory and the conftests above it, relative."""
        found = [c for c in ("conftest.py",) if os.path.isfile(os.path.join(self.root, c))]
        for directory, dirs, files in os.walk(os.path.join(self.root, self.tests)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            found += [os.path.relpath(os.path.join(directory, f), self.root)
                      for f in sorted(files) if f.endswith(".py")]
        return found

    def conftests(self) -> list[str]:
        return sorted((p for p in self.test_sources() if os.path.basename(p) == "conftest.py"),
                      key=lambda p: (p.count(os.sep), p))


def _pytest_ini(root: str) -> dict[str, str]:
    """The pytest configuration's values as strings, from the file pytest would read."""
    ini = os.path.join(root, "pytest.ini")
    for name, section in (("pytest.ini", "pytest"), ("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        ini = os.path.join(root, name)
        if os.path.isfile(ini):
            parser = configparser.ConfigParser(interpolation=None)
            parser.read(ini, encoding="utf-8")
            if parser.has_section(section):
                return dict(parser.items(section))
    pyproject = os.path.join(root, "pyproject.toml")
    if os.path.isfile(pyproject):
        options = read_toml(pyproject).get("tool", {}).get("pytest", {}).get("ini_options", {})
        return {k: " ".join(v) if isinstance(v, list) else str(v) for k, v in options.items()}
    return {}


def _holds_tests(directory: str, patterns: tuple[str, ...]) -> bool:
    """Does the directory hold a test module (webob's testpaths name src/webob, for its doctests,
    before tests)?"""
    return any(fnmatch.fnmatch(f, p) for _, _, files in os.walk(directory) for f in files for p in patterns)


def read_source(root: str) -> Source:
    ini = _pytest_ini(root)
    src = "src" if os.path.isdir(os.path.join(root, "src")) else "."
    patterns = tuple((ini.get("python_files") or "test_*.py *_test.py").split())
    paths = (ini.get("testpaths") or "tests").split()
    tests = next((path for path in paths if _holds_tests(os.path.join(root, path), patterns)), paths[0])
    source = Source(root, src, tests, patterns)
    base = os.path.join(root, src)
    # the project's packages, not its tests (tomlkit's, markdown's `tests/` have an `__init__.py`:
    # a breakage of the package must leave them as they are)
    test_dirs = {"tests", "test", "testing", os.path.normpath(tests).split(os.sep)[0]}
    source.packages = sorted(d for d in os.listdir(base) if os.path.isfile(os.path.join(base, d, "__init__.py"))
                             and d not in test_dirs)
    for package in source.packages:
        for directory, dirs, files in os.walk(os.path.join(base, package)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for f in sorted(files):
                if not f.endswith(".py"):
                    continue
                path = os.path.join(directory, f)
                parts = os.path.relpath(path, base)[:-3].split(os.sep)
                name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
                source.modules[name] = os.path.relpath(path, root)
                with open(path, "rb") as fh:
                    source.trees[name] = ast.parse(fh.read())
    return source


# -- what the tests import --------------------------------------------------------------------------
def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = importer.split(".") if is_package else importer.split(".")[:-1]
    parts = parts[: len(parts) - node.level + 1]
    return ".".join(parts + ([node.module] if node.module else []))


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """The statements a module runs at import time, in if/try blocks too (not in functions)."""
    found: list[ast.stmt] = []
    stack = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, (ast.If, ast.Try, ast.With)):
            children = [*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", [])]
            for handler in getattr(node, "handlers", []):
                children += handler.body
            stack.extend(reversed(children))
    return found


def test_imports(source: Source) -> list[tuple[str, str, str]]:
    """(file, module, name) of every first-party `from module import name` in a test source, and
    (file, module, "") for `import module` and for each `from` import's module."""
    found = []
    for rel in source.test_sources():
        with open(os.path.join(source.root, rel), "rb") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and not node.level and node.module and source.is_ours(node.module):
                found.append((rel, node.module, ""))
                found += [(rel, node.module, a.name) for a in node.names if a.name != "*"]
            elif isinstance(node, ast.Import):
                found += [(rel, a.name, "") for a in node.names if source.is_ours(a.name)]
    return found


def defined_in(source: Source, module: str, name: str, depth: int = 0) -> str | None:
    """The package module that defines `name` (def or class at module level) as `module` exports it."""
    tree = source.trees.get(module)
    if tree is None or depth > 3:
        return None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return module
    is_package = source.modules[module].endswith("__init__.py")
    for node in _module_level(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name and alias.name != "*":
                    return defined_in(source, _absolute(node, module, is_package), alias.name, depth + 1)
    return None


def _definitions(source: Source, name: str) -> list[str]:
    return [m for m, tree in source.trees.items()
            if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name
                   for n in tree.body)]


def _loaded_at_import(tree: ast.Module, name: str) -> bool:
    """Is `name` read when the module runs (outside function bodies: decorators, bases, defaults too)?"""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            stack.extend(getattr(node, "decorator_list", []))
            stack.append(node.args)
            returns = getattr(node, "returns", None)
            if returns is not None:
                stack.append(returns)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def imported_names(source: Source) -> list[tuple[str, str]]:
    """(name, defining module) of every def or class the tests import, sorted by name: the
    candidates for a breakage."""
    found = set()
    for _, module, name in test_imports(source):
        if name and not name.startswith("__") and module in source.modules:
            home = defined_in(source, module, name)
            if home is not None and len(_definitions(source, name)) == 1:
                found.add((name, home))
    return sorted(found)


# -- breakages --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """A breakage chosen for a project: what it does, and the edit (applied to a copy's root)."""
    what: str
    apply: Callable[[str], None]


def _edit(root: str, rel: str, change: Callable[[str], str]) -> None:
    path = os.path.join(root, rel)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new = change(text)
    if new == text:
        raise RuntimeError(f"the breakage changed nothing in {rel}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def _package_files(source: Source, root: str) -> list[str]:
    """Every .py and .pyi file of the packages, relative to root."""
    found = []
    for package in source.packages:
        for directory, dirs, files in os.walk(os.path.join(root, source.src, package)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            found += [os.path.relpath(os.path.join(directory, f), root)
                      for f in sorted(files) if f.endswith((".py", ".pyi"))]
    return found


def _rename_everywhere(source: Source, name: str) -> Callable[[str], None]:
    pattern = re.compile(rf"\b{re.escape(name)}\b")

    def apply(root: str) -> None:
        for rel in _package_files(source, root):
            with open(os.path.join(root, rel), encoding="utf-8") as f:
                text = f.read()
            if pattern.search(text):
                _edit(root, rel, lambda t: pattern.sub(name + SUFFIX, t))
    return apply


def plan_rename(source: Source) -> Plan | None:
    for name, home in imported_names(source):
        return Plan(f"rename {home}.{name} to {name}{SUFFIX} in the package", _rename_everywhere(source, name))
    return None


def plan_delete(source: Source) -> Plan | None:
    for name, home in imported_names(source):
        if any(_loaded_at_import(tree, name) for tree in source.trees.values()):
            continue
        node = next(n for n in source.trees[home].body
                    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name)
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        last = node.end_lineno or node.lineno

        def apply(root: str, rel: str = source.modules[home], first: int = first, last: int = last) -> None:
            _edit(root, rel, lambda t: "".join(line for i, line in enumerate(t.splitlines(True), 1)
                                               if not first <= i <= last))
        return Plan(f"delete the definition of {home}.{name}", apply)
    return None


def _replace_statement(text: str, node: ast.stmt, new: str | None) -> str:
    lines = text.splitlines(True)
    indent = lines[node.lineno - 1][: node.col_offset]
    replacement = [] if new is None else [indent + new + "\n"]
    return "".join(lines[: node.lineno - 1] + replacement + lines[node.end_lineno or node.lineno:])


def plan_move(source: Source) -> Plan | None:
    direct = sorted({m for _, m, _ in test_imports(source)
                     if m in source.modules and "." in m and not source.modules[m].endswith("__init__.py")})
    if not direct:
        return None
    old = direct[0]
    parent, leaf = old.rsplit(".", 1)
    new = f"{old}_moved"
    dotted = re.compile(rf"\b{re.escape(old)}\b")

    def rewrite(text: str, importer: str, is_package: bool) -> str:
        tree = ast.parse(text)
        edits: list[tuple[ast.stmt, str]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _absolute(node, importer, is_package)
                if target == old or target.startswith(old + "."):
                    moved = ast.ImportFrom(module=(node.module or "") + "_moved" if target == old else
                                           dotted.sub(new, node.module or ""), names=node.names, level=node.level)
                    if node.level and target.startswith(old + "."):
                        moved.module = (node.module or "").replace(leaf, leaf + "_moved", 1)
                    edits.append((node, ast.unparse(moved)))
                elif target == parent and any(a.name == leaf for a in node.names):
                    names = [ast.alias(name=leaf + "_moved", asname=a.asname or leaf) if a.name == leaf else a
                             for a in node.names]
                    edits.append((node, ast.unparse(ast.ImportFrom(module=node.module, names=names, level=node.level))))
        for node, line in sorted(edits, key=lambda e: -e[0].lineno):
            text = _replace_statement(text, node, line)
        return dotted.sub(new, text)

    def apply(root: str) -> None:
        base = os.path.join(root, source.modules[old])[: -len(".py")]
        for ext in (".py", ".pyi"):
            if os.path.exists(base + ext):
                os.rename(base + ext, base + "_moved" + ext)
        for rel in _package_files(source, root):
            module = os.path.relpath(os.path.join(root, rel), os.path.join(root, source.src))
            module = module.rsplit(".", 1)[0].replace(os.sep, ".")
            is_package = module.endswith(".__init__")
            module = module[: -len(".__init__")] if is_package else module
            with open(os.path.join(root, rel), encoding="utf-8") as f:
                text = f.read()
            changed = rewrite(text, module, is_package)
            if changed != text:
                with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                    f.write(changed)
    return Plan(f"move {old} to {new}, the package's imports follow", apply)


def _init_reexports(source: Source) -> list[tuple[str, str, ast.ImportFrom]]:
    """(package, name, statement) of each name a package __init__ binds by one from-import only."""
    found = []
    for package in source.packages:
        tree = source.trees[package]
        bound = Counter(a.asname or a.name for n in _module_level(tree)
                        if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names)
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and _absolute(node, package, True).startswith(package + "."):
                found += [(package, a.asname or a.name, node) for a in node.names
                          if a.name != "*" and bound[a.asname or a.name] == 1]
    return found


def plan_reexport(source: Source) -> Plan | None:
    wanted = {(m, n) for _, m, n in test_imports(source) if n}
    for package, name, node in sorted(_init_reexports(source), key=lambda e: (e[0], e[1])):
        if (package, name) not in wanted:
            continue
        kept = [a for a in node.names if (a.asname or a.name) != name]
        line = ast.unparse(ast.ImportFrom(module=node.module, names=kept, level=node.level)) if kept else None
        listed = re.compile(rf"""^(\s*)["']{re.escape(name)}["'],?[ \t]*\n""", re.M)

        def apply(root: str, rel: str = source.modules[package], node: ast.ImportFrom = node,
                  line: str | None = line) -> None:
            _edit(root, rel, lambda t: listed.sub("", _replace_statement(t, node, line)))
        return Plan(f"remove {name} from {package}/__init__.py's import list (and __all__)", apply)
    return None


def _binds(tree: ast.Module, name: str) -> bool:
    """Does the module bind `name` when it runs?"""
    for node in _module_level(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name) == name for a in node.names):
            return True
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign)) else []
        if any(isinstance(n, ast.Name) and n.id == name for t in targets for n in ast.walk(t)):
            return True
    return False


def plan_conftest(source: Source) -> Plan | None:
    for conftest in source.conftests():
        with open(os.path.join(source.root, conftest), "rb") as f:
            tree = ast.parse(f.read())
        imports = [(n.module, a.name) for n in tree.body if isinstance(n, ast.ImportFrom) and not n.level
                   and n.module for a in n.names if a.name != "*"]
        for module, name in imports:  # a name of the package: renamed in the package
            if source.is_ours(module) and module in source.modules:
                if _binds(source.trees[module], name):
                    return Plan(f"{conftest} imports {module}.{name}: renamed to {name}{SUFFIX} in the package",
                                _rename_everywhere(source, name))
        for module, name in imports:  # a test helper's: renamed in the helper
            helper = module.replace(".", os.sep) + ".py"
            if os.path.isfile(os.path.join(source.root, helper)):
                pattern = re.compile(rf"\b{re.escape(name)}\b")

                def apply(root: str, helper: str = helper, pattern: re.Pattern[str] = pattern,
                          name: str = name) -> None:
                    _edit(root, helper, lambda t: pattern.sub(name + SUFFIX, t))
                return Plan(f"{conftest} imports {module}.{name}: renamed to {name}{SUFFIX} in {helper}", apply)
    return None


def plan_cycle(source: Source) -> Plan | None:
    for package in source.packages:
        tree = source.trees[package]
        froms = [n for n in tree.body if isinstance(n, ast.ImportFrom)
                 and _absolute(n, package, True).startswith(package + ".")]
        if len(froms) < 2:
            continue
        first = _absolute(froms[0], package, True)
        if first not in source.modules or source.modules[first].endswith("__init__.py"):
            continue
        late = froms[-1].names[-1]
        late_name = late.asname or late.name
        rel = source.modules[first]
        body = source.trees[first].body
        after = 0
        for node in body:  # after the docstring and the __future__ imports
            if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node is body[0]) or (
                    isinstance(node, ast.ImportFrom) and node.module == "__future__"):
                after = node.end_lineno or node.lineno
            else:
                break

        line = f"from {package} import {late_name}\n"

        def apply(root: str, rel: str = rel, after: int = after, line: str = line) -> None:
            _edit(root, rel, lambda t: "".join(t.splitlines(True)[:after]) + line + "".join(t.splitlines(True)[after:]))
        return Plan(f"{first} (the first module {package}/__init__.py imports) imports {package}.{late_name}, "
                    "bound at the end of the __init__", apply)
    return None


def plan_drop_import(source: Source) -> Plan | None:
    """Drop one name from a module-level import of a module the tests import, where the module reads
    that name as it runs (a base class, a decorator, a value) and binds it nowhere else: the module
    then raises NameError whenever it is imported."""
    for module in sorted({m for _, m, _ in test_imports(source) if m in source.modules}):
        plan = _drop_read_import(source.trees[module], source.modules[module], module)
        if plan is not None:
            return plan
    return None


def plan_drop_conftest_import(source: Source) -> Plan | None:
    """The same in the first conftest (shallowest) that reads an imported name as it runs (often
    `pytest`, for `@pytest.fixture`): every test module under it fails to collect."""
    for conftest in source.conftests():
        with open(os.path.join(source.root, conftest), "rb") as f:
            plan = _drop_read_import(ast.parse(f.read()), conftest, conftest)
        if plan is not None:
            return plan
    return None


def _drop_read_import(tree: ast.Module, rel: str, what: str) -> Plan | None:
    """The plan that drops the first name a module-level import of `tree` binds, which the module
    reads as it runs and binds nowhere else; None when there is no such name."""
    bound = Counter(n for node in _module_level(tree) for n in _bound_by_statement(node))
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or getattr(node, "module", "") == "__future__":
            continue
        for alias in node.names:
            name = (alias.asname or alias.name).split(".")[0]
            if alias.name == "*" or bound[name] != 1 or not _loaded_at_import(tree, name):
                continue
            kept = [a for a in node.names if a is not alias]
            shape = ast.Import(names=kept) if isinstance(node, ast.Import) else ast.ImportFrom(
                module=node.module, names=kept, level=node.level)
            line = ast.unparse(shape) if kept else None

            def apply(root: str, rel: str = rel, node: ast.stmt = node, line: str | None = line) -> None:
                _edit(root, rel, lambda t: _replace_statement(t, node, line))
            return Plan(f"drop {name} from a module-level import of {what}, which reads it as it runs", apply)
    return None


def plan_rename_member(source: Source) -> Plan | None:
    """Rename, in the package, the first class attribute (an enum member, a class constant, by
    class and name) that a test reads as `Class.NAME` of a class it imports from the package, bound
    in that class's body by a plain assignment and nowhere else in the package: the tests that read
    it as they are imported (a parametrize list) fail to collect, the others fail when they run."""
    read = set()
    for rel in source.test_sources():
        with open(os.path.join(source.root, rel), "rb") as f:
            tree = ast.parse(f.read())
        imported = {(a.asname or a.name): (node.module, a.name) for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and not node.level and node.module
                    and source.is_ours(node.module) for a in node.names}
        read |= {(*imported[n.value.id], n.attr) for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                 and isinstance(n.value, ast.Name) and n.value.id in imported}
    for module, cls, attr in sorted(read):
        home = defined_in(source, module, cls) if module in source.modules else None
        if home is None or len(_definitions(source, cls)) != 1 or attr.startswith("_"):
            continue
        node = next((n for n in source.trees[home].body if isinstance(n, ast.ClassDef) and n.name == cls), None)
        if node is None or not any(
                isinstance(stmt, ast.Assign) and [t.id for t in stmt.targets if isinstance(t, ast.Name)] == [attr]
                for stmt in node.body):
            continue
        pattern = re.compile(rf"\b{re.escape(attr)}\b")
        if sum(len(pattern.findall(ast.unparse(tree))) for tree in source.trees.values()) != 1 + sum(
                1 for tree in source.trees.values() for n in ast.walk(tree)
                if isinstance(n, ast.Attribute) and n.attr == attr):
            continue  # the name means something else somewhere in the package too

        def apply(root: str, pattern: re.Pattern[str] = pattern, attr: str = attr) -> None:
            for rel in _package_files(source, root):
                with open(os.path.join(root, rel), encoding="utf-8") as f:
                    text = f.read()
                if pattern.search(text):
                    _edit(root, rel, lambda t: pattern.sub(attr + SUFFIX, t))
        return Plan(f"rename {home}.{cls}.{attr} to {attr}{SUFFIX} in the package", apply)
    return None


def _bound_by_statement(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
        node, (ast.AnnAssign, ast.AugAssign, ast.For)) else []
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]


BREAKAGES: dict[str, Callable[[Source], Plan | None]] = {
    "rename-name": plan_rename, "delete-name": plan_delete, "move-module": plan_move,
    "break-reexport": plan_reexport, "break-conftest": plan_conftest, "cycle": plan_cycle,
    "drop-import": plan_drop_import, "drop-conftest-import": plan_drop_conftest_import,
    "rename-member": plan_rename_member,
}


# -- fetching and copies ----------------------------------------------------------------------------
def pristine(workdir: str, project: Project) -> str:
    """The unpacked sdist (downloaded once into the work directory), as `NAME-VERSION` whatever
    the archive calls itself (`Markdown-3.6.tar.gz`)."""
    target = os.path.join(workdir, "sdist", f"{project.name}-{project.version}")
    if os.path.isdir(target):
        return target
    downloads = os.path.join(workdir, "downloads")
    os.makedirs(downloads, exist_ok=True)
    prefix = f"{project.name}-{project.version}.".lower()
    archive = next((f for f in os.listdir(downloads) if f.lower().startswith(prefix)), None)
    if archive is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        f"{project.name}=={project.version}", "-d", downloads], check=True)
        archive = next(f for f in os.listdir(downloads) if f.lower().startswith(prefix))
    with tarfile.open(os.path.join(downloads, archive)) as tar:
        top = tar.getnames()[0].split("/")[0]
        tar.extractall(os.path.join(workdir, "sdist"), filter="data")
    if top != os.path.basename(target):
        os.rename(os.path.join(workdir, "sdist", top), target)
    return target


def judge_python(workdir: str) -> str:
    """The judge's virtualenv: pytest and every project's test dependencies (made once)."""
    venv = os.path.join(workdir, "venv")
    python = os.path.join(venv, "bin", "python")
    deps = sorted({d for p in PROJECTS.values() for d in p.deps})
    marker = os.path.join(venv, "trial-deps.txt")
    if os.path.isfile(marker):
        with open(marker, encoding="utf-8") as f:
            if f.read().split() == deps:
                return python
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", *deps], check=True)
    with open(marker, "w", encoding="utf-8") as f:
        f.write("\n".join(deps) + "\n")
    return python


# -- the two sides ----------------------------------------------------------------------------------
@dataclass
class FileVerdict:
    path: str
    pytest_error: str | None = None  # None: collected
    ours: list[str] = field(default_factory=list)  # the findings that fail its import: "CODE line: message"
    others: list[str] = field(default_factory=list)  # its other findings
    at_import: list[str] = field(default_factory=list)  # those of them on a line that runs at import time

    @property
    def we_fail(self) -> bool:
        return bool(self.ours)


def _error_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines()]
    errors = [line for line in lines if re.match(r"E\s+[\w.]*(Error|Exception|Warning)\b", line)]
    if errors:
        return errors[0][1:].strip()
    named = [line for line in lines if line.startswith("ERROR ") or "Error" in line]
    return (named or [line for line in lines if line] or ["(no output)"])[-1]


def collect(python: str, root: str, src: str, path: str) -> str | None:
    env = {**os.environ, "PYTHONPATH": os.path.join(root, src), "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "300"}
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run([python, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", path],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
    return None if done.returncode in (0, 5) else _error_line(done.stdout + done.stderr)


def _import_time_lines(root: str, rel: str) -> set[int]:
    with open(os.path.join(root, rel), "rb") as f:
        tree = ast.parse(f.read())
    return {line for _, _, line, kind in import_steps(tree, "") if kind == "run"}


def _deferred_lines(root: str, rel: str) -> set[int]:
    """The lines inside function bodies: they do not run when the module is imported."""
    with open(os.path.join(root, rel), "rb") as f:
        tree = ast.parse(f.read())
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.update(range(node.body[0].lineno, (node.end_lineno or node.lineno) + 1))
        elif isinstance(node, ast.Lambda):
            found.update(range(node.body.lineno, (node.body.end_lineno or node.body.lineno) + 1))
    return found


READ_AT_IMPORT = ("IMG107",)  # a read of a name, not an import: its line is one the module runs as it is imported


def ours(root: str, tests: str) -> tuple[dict[str, list[str]], dict[str, list[str]], Counter[str]]:
    """importguard on the tests directory: per file, the findings that fail its import (an IMG1xx on
    a line that runs at import, an IMG103, IMG104 or IMG107 read whenever it is imported; a
    conftest's also on each module it blocks) and the others; and the count of every code."""
    done = subprocess.run([sys.executable, "-m", "flake8_importguard", "--no-cache", "--isolated", "--format", "json",
                           tests], cwd=root, capture_output=True, text=True, timeout=1200)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"importguard failed in {root}: {done.stderr}")
    failing: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}
    codes: Counter[str] = Counter()
    lines: dict[str, set[int]] = {}
    for item in json.loads(done.stdout):
        codes[item["code"]] += 1
        said = f"{item['code']} {item['path']}:{item['line']}: {item['message']}"
        path = os.path.normpath(item["path"])
        if path not in lines:
            lines[path] = _import_time_lines(root, path)
        if item["fails_collection"] and (item["line"] in lines[path] or item["code"] in READ_AT_IMPORT
                                         or CODES[item["code"]].family is not Family.BROKEN_IMPORT):  # IMG103
            failing.setdefault(path, []).append(said)
            for blocked in item["blocks"]:
                failing.setdefault(os.path.normpath(blocked), []).append(said)
        else:
            at_import = item["line"] not in _deferred_lines(root, path)
            others.setdefault(path, []).append("AT IMPORT " + said if at_import else said)
    return failing, others, codes


@dataclass
class Trial:
    project: str
    breakage: str
    what: str
    files: list[FileVerdict]
    codes: dict[str, int]
    baseline_errors: set[str] = field(default_factory=set)  # files pytest cannot collect in the clean trial

    def false_alarms(self) -> list[FileVerdict]:
        return [f for f in self.files if f.we_fail and f.pytest_error is None]

    def misses(self) -> list[FileVerdict]:
        return [f for f in self.files if f.pytest_error is not None and not f.we_fail
                and f.path not in self.baseline_errors]

    def row(self) -> dict[str, object]:
        return {
            "project": self.project, "breakage": self.breakage, "files": len(self.files),
            "pytest_errors": sum(f.pytest_error is not None for f in self.files),
            "our_failing": sum(f.we_fail for f in self.files),
            "agree": sum(f.we_fail == (f.pytest_error is not None) for f in self.files),
            "false_alarms": len(self.false_alarms()), "misses": len(self.misses()),
            "img105_106": self.codes.get("IMG105", 0) + self.codes.get("IMG106", 0),
        }


def run_trial(workdir: str, python: str, project: Project, breakage: str, jobs: int,
              baseline: set[str]) -> Trial:
    base = pristine(workdir, project)
    source = read_source(base)
    plan = Plan("as released", lambda root: None) if breakage == "clean" else BREAKAGES[breakage](source)
    if plan is None:
        return Trial(project.name, breakage, "not applicable", [], {})
    root = os.path.join(workdir, "runs", project.name, breakage)
    if os.path.isdir(root):
        shutil.rmtree(root)
    shutil.copytree(base, root)
    plan.apply(root)
    failing, others, codes = ours(root, source.tests)
    files = [FileVerdict(p, ours=failing.get(p, []), others=[o for o in others.get(p, []) if not o.startswith("AT ")],
                         at_import=[o[len("AT IMPORT "):] for o in others.get(p, []) if o.startswith("AT ")])
             for p in read_source(root).test_files()]
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for verdict, error in zip(files, pool.map(lambda f: collect(python, root, source.src, f.path), files)):
            verdict.pytest_error = error
    return Trial(project.name, breakage, plan.what, files, dict(codes), baseline)


COLUMNS = ("project", "breakage", "files", "pytest_errors", "our_failing", "agree", "false_alarms", "misses",
           "img105_106")


def table(trials: list[Trial]) -> str:
    rows = [COLUMNS] + [tuple(str(t.row()[c]) for c in COLUMNS) for t in trials if t.files]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    out = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", default="/tmp/importguard-trial")
    parser.add_argument("--project", action="append", choices=sorted(PROJECTS), help="(repeatable; default: all)")
    parser.add_argument("--breakage", action="append", choices=["clean", *BREAKAGES],
                        help="(repeatable; default: clean and every breakage)")
    parser.add_argument("--jobs", type=int, default=2, help="pytest processes at once")
    parser.add_argument("--list", action="store_true", help="print the breakage each project gets, run nothing")
    parser.add_argument("--json", metavar="FILE", help="write every trial, file by file, here")
    args = parser.parse_args(argv)
    workdir = os.path.abspath(args.workdir)
    projects = [PROJECTS[p] for p in (args.project or PROJECTS)]
    breakages = sorted(set(args.breakage or ["clean", *BREAKAGES]), key=["clean", *BREAKAGES].index)
    if args.list:
        for project in projects:
            source = read_source(pristine(workdir, project))
            for name, planner in BREAKAGES.items():
                plan = planner(source)
                print(f"{project.name:14} {name:15} {plan.what if plan else 'not applicable'}")
        return 0
    python = judge_python(workdir)
    trials: list[Trial] = []
    for project in projects:
        baseline: set[str] = set()
        if "clean" not in breakages:  # what a breakage did is judged against the clean copy
            clean = run_trial(workdir, python, project, "clean", args.jobs, set())
            baseline = {f.path for f in clean.files if f.pytest_error is not None}
        for breakage in breakages:
            trial = run_trial(workdir, python, project, breakage, args.jobs, baseline)
            if breakage == "clean":
                baseline = set()  # in the clean trial every error pytest shows is a miss
                clean_errors = {f.path for f in trial.files if f.pytest_error is not None}
            trials.append(trial)
            print(f"{project.name} {breakage}: {trial.what}", file=sys.stderr)
            for verdict in trial.false_alarms():
                print(f"  FALSE ALARM {verdict.path}: {verdict.ours[0]}", file=sys.stderr)
            for verdict in trial.misses():
                print(f"  MISS {verdict.path}: {verdict.pytest_error}", file=sys.stderr)
                for said in verdict.at_import:  # a finding of another family where the import fails
                    print(f"    (we say, not as a failing import: {said})", file=sys.stderr)
            if breakage == "clean":
                baseline = clean_errors
    print(table(trials))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([{**t.row(), "what": t.what, "codes": t.codes, "files": [
                {"path": v.path, "pytest_error": v.pytest_error, "ours": v.ours, "others": v.others,
                 "others_at_import": v.at_import}
                for v in t.files]} for t in trials], f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
