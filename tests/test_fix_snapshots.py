"""The expected fix of a fixture test file is a snapshot beside it (as ruff keeps its `*.snap`
files): `tests/projects/<scenario>/<file>.py.fix.snap` holds what `importguard` reports on the
file, the unified diff `importguard --diff` prints for it, and what `importguard --fix` reports
after writing it (the findings left, each with why it was not fixed).

Each snapshot is checked by running the real command in-process (`cli.main`) on a copy of its
fixture project, applying `--fix` for real: the written file parses, is what the diff showed, a
second `--fix` changes nothing, and the findings left are those a plain check reports on it.
A snapshot that differs fails with a diff;

    IMPORTGUARD_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_fix_snapshots.py

rewrites the snapshots instead (review them with `git diff`). Every fixture test file that `--fix`
rewrites has a snapshot (that run also writes the missing ones); a file the fixer leaves alone
gets one when it is a scenario worth keeping (create it empty, then run the update); a snapshot
whose input is gone fails.
"""
from __future__ import annotations

import ast
import contextlib
import difflib
import io
import os
import re
from pathlib import Path
from typing import Iterator, NamedTuple

import pytest

from flake8_importguard.cli import main
from support import PROJECTS, TESTS

SUFFIX = ".fix.snap"
UPDATE = os.environ.get("IMPORTGUARD_UPDATE_SNAPSHOTS", "") not in ("", "0")
NOT_FIXED = re.compile(r" \[not fixed: [^\]]+\]$")
OPTIONS = ["--no-cache", "--jobs", "1"]  # each run reads the project afresh, in this process


def snapshot_files() -> list[str]:
    """Every snapshot under tests/projects, as a path relative to it."""
    found = []
    for dirpath, dirnames, filenames in os.walk(PROJECTS):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        found.extend(os.path.relpath(os.path.join(dirpath, name), PROJECTS)
                     for name in sorted(filenames) if name.endswith(SUFFIX))
    return found


SNAPSHOTS = snapshot_files()


def split(snapshot: str) -> tuple[str, str]:
    """'fixes/tests/test_move.py.fix.snap' -> ('fixes', 'tests/test_move.py')."""
    scenario, _, rel = snapshot[:-len(SUFFIX)].partition(os.sep)
    return scenario, rel.replace(os.sep, "/")


@contextlib.contextmanager
def inside(root: str | os.PathLike[str]) -> Iterator[None]:
    """The current directory is `root` inside the block (contextlib.chdir is Python 3.11's)."""
    previous = os.getcwd()
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(previous)


class Ran(NamedTuple):
    status: int
    out: str
    err: str


def importguard(root: str | os.PathLike[str], *args: str) -> Ran:
    """`importguard args` run in `root` by this process, its output captured as text."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="", write_through=True)
    with inside(root), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main([*args, *OPTIONS])
    return Ran(status, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def section(title: str, text: str, empty: str) -> str:
    if not text:
        text = f"{empty}\n"
    elif not text.endswith("\n"):
        text += "\n\\ No newline at end of file\n"
    return f"## {title}\n{text}"


def fix_snapshot(root: Path, scenario: str, rel: str) -> str:
    """Run the command on `rel` in the project copy `root`, check what holds for every fix, and
    return the snapshot text."""
    path = root / rel
    before = path.read_bytes()

    found = importguard(root, rel)
    diff = importguard(root, "--diff", rel)
    assert path.read_bytes() == before, "--diff wrote the file"
    assert diff.status == int(bool(diff.out or found.out)), diff
    fixed = importguard(root, "--fix", rel)
    after = path.read_bytes()
    changed = after != before
    assert fixed.err == (f"Rewriting {rel}\n" if changed else ""), fixed.err
    assert fixed.status == int(changed or bool(fixed.out)), fixed
    ast.parse(after)  # the fixer never writes a file that does not parse
    text = lambda data: data.decode("utf-8").splitlines(keepends=True)  # noqa: E731
    assert diff.out == "".join(difflib.unified_diff(text(before), text(after), rel, rel)), \
        "--diff shows something else than --fix writes"

    again = importguard(root, "--fix", rel)
    assert path.read_bytes() == after, "a second --fix changed the file"
    assert (again.err, again.out) == ("", fixed.out), "a second --fix reports something else"
    left = importguard(root, rel)
    assert left.out.splitlines() == [NOT_FIXED.sub("", line) for line in fixed.out.splitlines()], \
        "what --fix reports as left is not what a check of the fixed file reports"

    return "".join([
        "---\n",
        f"input: {os.path.relpath(os.path.join(PROJECTS, scenario, rel), os.path.dirname(TESTS))}\n",
        f"source: {os.path.relpath(__file__, os.path.dirname(TESTS))}\n",
        "---\n",
        section(f"importguard {rel}  (exit {found.status})", found.out, "(no findings)"),
        section(f"importguard --diff {rel}  (exit {diff.status})", diff.out, "(no change)"),
        section(f"importguard --fix {rel}  (exit {fixed.status}): left after writing", fixed.out, "(nothing left)"),
    ])


def compare(snapshot: str, actual: str) -> None:
    """Fail with a readable diff when the snapshot differs from `actual`; with
    IMPORTGUARD_UPDATE_SNAPSHOTS=1 write `actual` to the snapshot instead."""
    path = os.path.join(PROJECTS, snapshot)
    expected = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            expected = f.read()
    if actual == expected:
        return
    if UPDATE:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(actual)
        return
    shown = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                         f"tests/projects/{snapshot} (expected)",
                                         f"tests/projects/{snapshot} (actual)"))
    pytest.fail(f"the snapshot differs (IMPORTGUARD_UPDATE_SNAPSHOTS=1 rewrites it):\n{shown}", pytrace=False)


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=[s[:-len(SUFFIX)] for s in SNAPSHOTS])
def test_fix_matches_its_snapshot(tmp_path, project_copy, snapshot):
    scenario, rel = split(snapshot)
    root = project_copy(tmp_path, scenario, ignore=[f"*{SUFFIX}"])
    assert (root / rel).is_file(), f"{snapshot}: its input {rel} is gone"
    compare(snapshot, fix_snapshot(root, scenario, rel))


def test_no_snapshot_is_orphaned():
    orphans = [s for s in SNAPSHOTS if not os.path.isfile(os.path.join(PROJECTS, *split(s)))]
    assert not orphans, f"snapshots whose input file is gone: {orphans}"


def test_snapshots_are_plenty():
    """The fix scenarios the snapshots cover; a count that drops means a scenario was lost."""
    assert len(SNAPSHOTS) >= 33, SNAPSHOTS
    assert len({split(s)[0] for s in SNAPSHOTS}) >= 20


@pytest.mark.slow
def test_every_file_the_fixer_rewrites_has_a_snapshot(tmp_path, project_copy):
    """Over every fixture project: the files `importguard --diff` would rewrite all have snapshots
    (with IMPORTGUARD_UPDATE_SNAPSHOTS=1 the missing ones are written)."""
    missing = []
    for scenario in sorted(os.listdir(PROJECTS)):
        if not os.path.isdir(os.path.join(PROJECTS, scenario)):
            continue
        root = project_copy(tmp_path, scenario, ignore=[f"*{SUFFIX}"])
        shown = importguard(root, "--diff", ".").out
        for rel in re.findall(r"^\+\+\+ (?:\./)?(\S+)$", shown, re.M):
            snapshot = os.path.join(scenario, *rel.split("/")) + SUFFIX
            if snapshot in SNAPSHOTS:
                continue
            if UPDATE:
                compare(snapshot, fix_snapshot(project_copy(tmp_path / "new" / rel, scenario, ignore=[f"*{SUFFIX}"]),
                                               scenario, rel))
            else:
                missing.append(snapshot)
    assert not missing, f"files the fixer rewrites without a snapshot (IMPORTGUARD_UPDATE_SNAPSHOTS=1 writes them): " \
                        f"{missing}"
