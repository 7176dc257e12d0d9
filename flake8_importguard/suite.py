"""What the project's own test suite says about first-party code, read once per process.

* `imported`: every name some test file imports from a first-party module (`from app.models
  import Thread` anywhere in the suite makes `Thread` a first-party symbol's name, even when
  the module no longer defines it).
* `may_fail_elsewhere`: whether importing a first-party module runs an import the project
  cannot vouch for (a third-party package, a compiled or generated module), so that an
  ImportError around it may be an honest optional dependency rather than missing code.

Both read files with the stdlib `ast` only; nothing is imported or executed.
"""
from __future__ import annotations

import ast
import os
import sys
from functools import cached_property

from flake8_importguard.project import (
    MODULE, NAMESPACE, PACKAGE, SKIP_DIRS, SKIP_TOP_DIRS, ProjectIndex, cached_listdir,
)
from flake8_importguard.summary import _is_type_checking, absolute_module

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}
# Standard-library modules that a Python build or platform may lack: importing them can fail.
OPTIONAL_STDLIB = {
    "ssl", "_ssl", "sqlite3", "_sqlite3", "tkinter", "_tkinter", "turtle", "curses", "_curses", "readline",
    "lzma", "_lzma", "bz2", "_bz2", "zlib", "ctypes", "_ctypes", "dbm", "_dbm", "_gdbm", "_multiprocessing",
    "fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog", "posix", "crypt", "spwd", "nis",
    "msvcrt", "winreg", "winsound", "_winapi", "nt", "_overlapped", "zoneinfo", "uuid", "_uuid", "idlelib",
    "ensurepip", "venv", "test",
}


def is_optional_import(top: str) -> bool:
    """A top-level module outside the project whose import may fail: third-party, or a part
    of the standard library that some builds or platforms lack."""
    if top == "__future__":
        return False
    return top not in sys.stdlib_module_names or top in OPTIONAL_STDLIB


def parse_file(path: str) -> ast.Module | None:
    try:
        with open(path, "rb") as f:
            return ast.parse(f.read(), filename=path)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def catches_import_error(handler: ast.ExceptHandler, broad: bool = True) -> bool:
    """`except ImportError`, `except (ModuleNotFoundError, X)`; with `broad` also `except
    Exception`, `except BaseException` and a bare `except`."""
    if handler.type is None:
        return broad
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for kind in kinds:
        name = kind.id if isinstance(kind, ast.Name) else kind.attr if isinstance(kind, ast.Attribute) else ""
        if name in IMPORT_ERRORS or broad and name in ("Exception", "BaseException"):
            return True
    return False


def runtime_imports(tree: ast.Module, package: str) -> list[tuple[str, tuple[str, ...]]]:
    """(absolute module, names) of the imports that run, unguarded, when the module is imported.

    Function bodies, `if TYPE_CHECKING:` blocks and `try:` bodies whose handlers catch an
    ImportError do not count: they cannot make the import of this module fail.
    """
    found: list[tuple[str, tuple[str, ...]]] = []

    def visit(stmts: list[ast.stmt]) -> None:
        for node in stmts:
            if isinstance(node, ast.Import):
                found.extend((alias.name, ()) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                module = absolute_module(package, node.level, node.module)
                found.append((module, tuple(a.name for a in node.names if a.name != "*")))
            elif isinstance(node, ast.If):
                branch = _is_type_checking(node.test)
                if branch is not True:
                    visit(node.body)
                if branch is not False:
                    visit(node.orelse)
            elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
                if not any(catches_import_error(h) for h in node.handlers):  # type: ignore[attr-defined]
                    visit(node.body)  # type: ignore[attr-defined]
                for handler in node.handlers:  # type: ignore[attr-defined]
                    visit(handler.body)
                visit(node.orelse)  # type: ignore[attr-defined]
                visit(node.finalbody)  # type: ignore[attr-defined]
            elif isinstance(node, (ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While, ast.ClassDef)):
                visit(node.body)
                visit(getattr(node, "orelse", []))

    visit(tree.body)
    return found


def sometimes_bound(stmts: list[ast.stmt]) -> tuple[set[str], set[str]]:
    """(names always bound, names bound only on some paths) by a module's top-level statements:
    `try: from ._speedups import fast` / `except ImportError: pass` binds `fast` sometimes."""
    always: set[str] = set()
    sometimes: set[str] = set()
    for node in stmts:
        if isinstance(node, ast.If):
            branches = [sometimes_bound(node.body), sometimes_bound(node.orelse)]
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            branches = [sometimes_bound(node.body + node.orelse)] + [  # type: ignore[attr-defined]
                sometimes_bound(h.body) for h in node.handlers]  # type: ignore[attr-defined]
            final = sometimes_bound(node.finalbody)  # type: ignore[attr-defined]
            always |= final[0]
            sometimes |= final[1]
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.Match)):
            branches = [sometimes_bound([n for n in ast.walk(node) if isinstance(n, ast.stmt) and n is not node]),
                        (set(), set())]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            branches = [sometimes_bound(node.body)]
        else:
            branches = [(_bound_by(node), set())]
        common = set.intersection(*(a for a, _ in branches))
        always |= common
        for a, s in branches:
            sometimes |= (a - common) | s
    return always, sometimes - always


def _bound_by(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if isinstance(node, ast.AnnAssign) and node.value is None:
            return set()
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


class Suite:
    """Facts about the test suite and the import graph of one project (lazy, memoized)."""

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self._fails: dict[tuple[str, tuple[str, ...]], bool] = {}

    # -- names the suite imports from first-party code ---------------------------------------
    def test_files(self) -> list[str]:
        files: list[str] = []
        for dirpath, dirnames, filenames in os.walk(self.index.root):
            top = dirpath == self.index.root
            dirnames[:] = sorted(
                d for d in dirnames
                if not d.startswith(".") and d not in SKIP_DIRS and not (top and d in SKIP_TOP_DIRS)
                and not d.endswith(".egg-info") and not _own_project(os.path.join(dirpath, d))
            )
            files.extend(
                os.path.join(dirpath, f) for f in sorted(filenames)
                if f.endswith(".py") and self.index.is_test_file(os.path.join(dirpath, f))
            )
        return files

    @cached_property
    def imported(self) -> dict[str, frozenset[str]]:
        """name the suite uses -> the first-party modules it is imported from."""
        names: dict[str, set[str]] = {}
        for path in self.test_files():
            tree = parse_file(path)
            if tree is None:
                continue
            package = self.index.module_name(path)[1]
            search = self.index.search_path(path)
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom):
                    continue
                module = absolute_module(package, node.level, node.module)
                if not module or not self.index.is_first_party(module.split(".")[0], search):
                    continue
                for alias in node.names:
                    for name in {alias.name, alias.asname or alias.name} - {"*"}:
                        names.setdefault(name, set()).add(module)
        return {name: frozenset(modules) for name, modules in names.items()}

    # -- can a first-party import fail for a reason outside the project? ----------------------
    def maybe_unbound(self, module: str, search: tuple[str, ...]) -> set[str]:
        """Names the module binds on some paths only (an optional import's fallback)."""
        loc = self.index.find_module(module, search)
        tree = parse_file(loc.file) if loc is not None and loc.file else None
        return sometimes_bound(tree.body)[1] if tree is not None else set()

    def may_fail_elsewhere(self, module: str, search: tuple[str, ...]) -> bool:
        """True when importing `module` runs an import of third-party code, or of first-party
        code that has no source here (compiled, generated, missing): its ImportError may then
        be an optional dependency's. Unreadable modules count as such too."""
        parts = module.split(".")
        return any(self._runs_foreign(".".join(parts[:i]), search) for i in range(1, len(parts) + 1))

    def _runs_foreign(self, module: str, search: tuple[str, ...]) -> bool:
        key = (module, search)
        if key in self._fails:
            return self._fails[key]
        self._fails[key] = False  # an import cycle adds nothing new
        loc = self.index.find_module(module, search)
        if loc is None or loc.kind not in (PACKAGE, MODULE, NAMESPACE):
            result = True  # missing, compiled, bytecode only or a stub without source
        elif loc.kind == NAMESPACE:
            result = False  # a namespace package runs nothing
        else:
            tree = parse_file(loc.file)
            package = module if loc.kind == PACKAGE else module.rpartition(".")[0]
            result = tree is None or any(
                self._import_is_foreign(target, names, search) for target, names in runtime_imports(tree, package)
            )
        self._fails[key] = result
        return result

    def _import_is_foreign(self, target: str, names: tuple[str, ...], search: tuple[str, ...]) -> bool:
        if not target:
            return True
        top = target.split(".")[0]
        if not self.index.is_first_party(top, search):
            return is_optional_import(top)
        if self.may_fail_elsewhere(target, search):
            return True
        return any(
            self._runs_foreign(f"{target}.{name}", search)
            for name in names
            if self.index.find_module(f"{target}.{name}", search) is not None
        )


def _own_project(directory: str) -> bool:
    """A directory below the root with a project file of its own is another project."""
    return any(marker in cached_listdir(directory) for marker in ("pyproject.toml", "setup.py", "setup.cfg"))
