"""The test modules a broken `conftest.py` loses: pytest imports every `conftest.py` from the root
down to a test module's directory before the module, so one whose import fails (a finding of the
family BROKEN_IMPORT on a line it runs unconditionally at module level, or a missing attribute read
there) makes every test module under its directory fail to collect. The finding is reported once,
at the conftest's line; the report and the command's JSON output list the modules it blocks. A
conftest above the directories named (the project root's, when `tests` is named) is checked with
them: pytest imports it all the same."""
from __future__ import annotations

import ast
import os
from typing import Sequence

from flake8_importguard.base.codes import fails_collection
from flake8_importguard.base.config import Settings
from flake8_importguard.base.files import Excluded, RealPaths, python_files
from flake8_importguard.index.runtime import import_steps
from flake8_importguard.index.summary import is_test_module
from flake8_importguard.run.checkrun import FileResult
from flake8_importguard.run.formats import Reported
from flake8_importguard.run.session import Session


def named_files(session: Session, settings: Settings, paths: list[str], excluded: Excluded) -> list[str]:
    """The files `paths` name (directories walked) but those `excluded`, then the conftests
    pytest imports before them (with_conftests) but those `excluded`."""
    files = list(python_files(paths, excluded))
    return [*files, *(p for p in with_conftests(session, settings, files)[len(files):] if not excluded(p))]


def with_conftests(session: Session, settings: Settings, paths: list[str]) -> list[str]:
    """`paths`, then each `conftest.py` that pytest imports before a test module among them and
    that is not among them (the root's, above the tests directory named), shown relative to the
    current directory when it is below it."""
    real = RealPaths()
    named = {real(p) for p in paths if p != "-"}
    added: list[str] = []
    directories: set[str] = set()
    for path in paths:
        directory = os.path.dirname(os.path.abspath(path))
        if path == "-" or directory in directories or not is_test_module(path):
            continue
        directories.add(directory)
        if not session.is_test_file(path, settings):
            continue
        for conftest in session.project_for(path, settings).layout.conftests(path):
            if real(conftest) not in named:
                named.add(real(conftest))
                shown = os.path.relpath(conftest)
                added.append(conftest if shown.startswith(os.pardir) else shown)
    return [*paths, *added]


def blocked_modules(results: list[FileResult], shards: Sequence[str] = ()) -> dict[int, tuple[str, ...]]:
    """id(Reported) of each conftest finding that fails its file's import -> the test modules
    (paths as shown) under that conftest's directory, among the files checked and `shards` (the
    test files of the other shares of a `--shard` run: the conftest is checked in one share only,
    and blocks them all the same)."""
    checked = [r.path for r in results if r.test]
    modules = [(os.path.abspath(path), path) for path in dict.fromkeys([*checked, *shards])
               if is_test_module(path) and os.path.basename(path) != "conftest.py"]
    found: dict[int, tuple[str, ...]] = {}
    for result in results:
        if os.path.basename(result.path) != "conftest.py":
            continue
        failing = [r for r in result.reported if fails_collection(r.finding)]
        lines = _import_time_lines(result.path) if any(not r.finding.at_import for r in failing) else set()
        first = min((r for r in failing if r.finding.at_import or r.finding.line in lines),
                    key=lambda r: r.finding.line, default=None)
        if first is not None:
            below = os.path.dirname(os.path.abspath(result.path)) + os.sep
            found[id(first)] = tuple(shown for path, shown in modules if path.startswith(below))
    return found


def _import_time_lines(path: str) -> set[int]:
    """The lines of the imports a file runs unconditionally at module level."""
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read())
    except (OSError, SyntaxError, ValueError):
        return set()
    return {line for _, _, line, kind in import_steps(tree, "") if kind == "run"}


def with_blocked(results: list[FileResult], reported: list[Reported], shards: Sequence[str] = ()) -> list[Reported]:
    """The findings to print, each conftest finding that fails its file's import with the test
    modules it blocks."""
    blocked = blocked_modules(results, shards)
    return [Reported(r.path, r.finding, r.key, r.note, blocked.get(id(r), ())) if id(r) in blocked else r
            for r in reported]
