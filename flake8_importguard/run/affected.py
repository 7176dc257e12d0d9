"""Affected tests: the test files a change reaches, so that a commit that renames, moves or deletes
app code is checked against every test that imports it, not only the files pre-commit hands over.

The changes are the files named (what pre-commit passes) and, with `--changed`, what git says is
staged (`--changed-since REF`: changed since REF, committed or not), deleted files and both
names of a renamed one included. `tests_to_check` answers which test files to check; its answer
is None ("check every test file") when it cannot tell, for instance when a configuration file
changed. The project graph answers for every test file whose findings the index keeps: the
files, directories and whole-project answers its check read (graph.py). A test file never
checked is answered by a scan: its imports (any depth, and dotted strings such as
`patch("app.models.Thread")`), then first-party modules' unguarded imports from their cached
summaries, transitively (a package that re-exports, a star import, a test helper).
"""
from __future__ import annotations

import ast
import os
import re
import subprocess
from typing import Iterable

from flake8_importguard.analysis.project import Project
from flake8_importguard.base.config import Settings
from flake8_importguard.base.files import python_files, shown
from flake8_importguard.base.syntax import absolute_module, iter_statements
from flake8_importguard.run.graph import Graph
from flake8_importguard.run.session import Session

# Files whose change can change any verdict: every test file is checked.
CONFIGURATION = frozenset({"setup.cfg", "tox.ini", ".flake8", "pyproject.toml", "pytest.ini", "setup.py", ".gitignore"})
_QUOTED = re.compile(rb"""["']([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)["']""")  # "app.models.Thread"
_IMPORT_START = re.compile(rb"^[ \t]*(?:from|import)[ \t\\(]", re.M)
_AFTER_COLON = re.compile(rb"[:;][ \t]*(?:from|import)[ \t\\(]")  # `def f(): import x`: parse the file


def _import_statements(source: bytes) -> list[bytes]:
    """The text of each import statement, found line by line (a parenthesised or continued one
    with its following lines), dedented; the whole file when an import may follow a `:` or `;`."""
    if _AFTER_COLON.search(source):
        return [source]
    lines = source.splitlines()
    statements = []
    i = 0
    while i < len(lines):
        if _IMPORT_START.match(lines[i]):
            start, text = i, lines[i]
            while i + 1 < len(lines) and (text.rstrip().endswith(b"\\") or b"(" in text and b")" not in text):
                i += 1
                text += b"\n" + lines[i].strip()
            statements.append(b"\n".join(line.strip() for line in lines[start:i + 1]))
        i += 1
    return statements


def _imports_in(source: bytes, path: str, package: str) -> list[tuple[str, tuple[str, ...]]]:
    """(absolute module, names) of every import statement of a file, at any depth. Only the import
    statements are parsed (the whole file when one of them does not parse alone): more than the
    imports is fine, fewer is not."""
    try:
        trees = [ast.parse(statement) for statement in _import_statements(source)]
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        try:
            trees = [ast.parse(source, filename=path)]
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return []
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in (n for tree in trees for n in iter_statements(tree)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names if alias.name != "*")
            found.append((absolute_module(package, node.level, node.module), names))
    return found


class ChangeError(Exception):
    """The changes could not be read from git."""


def git_changes(cwd: str, staged: bool, since: str) -> list[str]:
    """Absolute paths that git reports changed: staged, or since `since` (the working tree against
    that ref); deleted files and the old name of a renamed one included."""
    def git(*args: str) -> str:
        try:
            proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            raise ChangeError(f"cannot run git: {exc}") from None
        if proc.returncode != 0:
            raise ChangeError(f"git {' '.join(args)}: {proc.stderr.decode(errors='replace').strip()}")
        return proc.stdout.decode("utf-8", "surrogateescape")

    top = git("rev-parse", "--show-toplevel").strip()
    fields = git("diff", "--name-status", "-z", "-M", "--cached" if staged else since, "--").split("\0")
    paths: list[str] = []
    i = 0
    while i < len(fields) and fields[i]:
        count = 2 if fields[i][:1] in ("R", "C") else 1  # a rename or copy names both paths
        paths.extend(os.path.join(top, p) for p in fields[i + 1:i + 1 + count])
        i += 1 + count
    return paths


def files_to_check(session: Session, settings: Settings, named: list[str], staged: bool, since: str) -> list[str]:
    """The test files to check for the changes (paths as the user would type them)."""
    changed = [os.path.abspath(p) for p in python_files(named)] if named else []
    changed += git_changes(os.getcwd(), staged, since) if staged or since else []
    if not changed:
        return []
    project = session.project_for(os.getcwd(), settings)
    tests = tests_to_check(session.graph(project), changed)
    if tests is None:
        tests = set(project.suite.test_files())
    return sorted(shown(path) for path in tests)


def configures(path: str) -> bool:
    """A file whose change can change any verdict (the project graph's environment): the
    configuration and packaging files, requirements and .gitignore."""
    name = os.path.basename(path)
    return name in CONFIGURATION or name.startswith("requirements") and name.endswith((".txt", ".in"))


def tests_to_check(graph: Graph, changed: Iterable[str]) -> set[str] | None:
    """THE reverse lookup. `changed`: absolute paths of files changed, added or deleted (both
    names of a renamed one). Returns the test files to check (absolute paths): the changed test
    files that exist, and every test file whose check reads a changed module; or None when
    every test file must be checked. The project graph (graph.py) answers for the test files
    whose findings it keeps; the others' imports are scanned (Reach)."""
    project = graph.project
    changed = [os.path.abspath(p) for p in changed]
    if any(configures(p) for p in changed):
        return None
    layout = project.layout
    chosen = {p for p in changed if p.endswith(".py") and os.path.isfile(p) and layout.is_test_file(p)}
    split = graph.reach(changed)
    reached, unknown = split if split is not None else (set(), set(map(os.path.abspath, project.suite.test_files())))
    modules = {name for path in changed for name in _module_names(project, path)}
    if not modules or not unknown:
        return chosen | reached
    reach = Reach(project)
    named = {path: reach.named_by(path) for path in unknown}
    tainted = reach.dependents(modules, set().union(*named.values()) if named else set())
    return chosen | reached | {path for path, names in named.items() if names & tainted}


def _module_names(project: Project, path: str) -> set[str]:
    """The names a (possibly deleted) file is imported by: under each source root, and as a test
    file's importer sees it (pytest's rootdir-style basedir)."""
    stem, ext = os.path.splitext(path)
    if ext not in (".py", ".pyi"):
        return set()
    names = set()
    for root in project.layout.source_roots:
        rel = os.path.relpath(stem, root)
        if not rel.startswith(os.pardir):
            names.add(_dotted(rel))
    if os.path.isdir(os.path.dirname(path)):
        names.add(project.layout.module_name(path)[0])
    return {n for n in names if n}


def _dotted(rel: str) -> str:
    parts = rel.split(os.sep)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) if all(p.isidentifier() for p in parts) else ""


class Reach:
    """Which modules import which, read from the project (test files parsed, modules summarized)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.search = project.layout.search_path(None)

    def first_party(self, module: str, search: tuple[str, ...]) -> bool:
        return bool(module) and self.project.finder.is_first_party(module.split(".")[0], search)

    def named_by(self, path: str) -> set[str]:
        """The first-party modules a test file names: imported anywhere in it (`from m import x`
        names `m` and `m.x`), or written as dotted strings (patch targets) with all their prefixes.
        Only its import statements are parsed, not the whole file."""
        try:
            with open(path, "rb") as f:
                source = f.read()
        except OSError:
            return set()
        layout = self.project.layout
        package = layout.module_name(path)[1]
        names: set[str] = set()
        for match in _QUOTED.finditer(source):
            parts = match.group(1).decode("ascii").split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        imports = _imports_in(source, path, package)
        for target, imported in imports:
            names.add(target)
            names.update(f"{target}.{name}" for name in imported)
        search = layout.search_path(path)
        return {n for n in names if self.first_party(n, search)}

    def imports_of(self, module: str) -> set[str]:
        """What importing `module` imports: its parent packages and its unguarded imports."""
        parts = module.split(".")
        found = {".".join(parts[:i]) for i in range(1, len(parts))}
        loc = self.project.finder.find_module(module, self.search)
        if loc is not None and loc.file:
            summary = self.project.store.summary(loc)
            for target, names, _line, _always in summary.imports:
                found.add(target)
                found.update(f"{target}.{name}" for name in names)
        return {n for n in found if self.first_party(n, self.search)}

    def dependents(self, changed: set[str], roots: set[str]) -> set[str]:
        """The modules, among those reachable from `roots`, whose import reaches a changed module."""
        importers: dict[str, set[str]] = {}
        seen, stack = set(roots), list(roots)
        while stack:
            module = stack.pop()
            for target in self.imports_of(module):
                importers.setdefault(target, set()).add(module)
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        tainted, stack = set(changed), list(changed)
        while stack:
            for importer in importers.get(stack.pop(), ()):
                if importer not in tainted:
                    tainted.add(importer)
                    stack.append(importer)
        return tainted
