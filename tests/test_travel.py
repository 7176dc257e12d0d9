"""A cache that travels: the index cache of a project, copied with it to another directory (a
second clone, a git worktree, a CI runner with another checkout path, a teammate's restored
cache), is read there as warm, through the real `importguard` command in real processes.

Each test checks a project once (the index is written), marks every kept entry with a finding no
check would make (a reused entry shows in the output), copies the project with its cache the way a
checkout and a cache restore do (new timestamps, the same bytes), and checks the copy.
"""
from __future__ import annotations

import os
import shutil
import time

import pytest

from flake8_importguard.base.codes import render
from flake8_importguard.base.config import Settings
from flake8_importguard.index.cache import RACY_NS
from flake8_importguard.run.checkrun import Run
from flake8_importguard.run.session import Session
from support import GRAPHED, mark_kept

PROJECT = GRAPHED
TESTS = {os.path.basename(path)[:-3] for path in PROJECT if path.startswith("tests/")}  # every file there is checked
# copies of PROJECT old enough to be cached (conftest.aged): `checked`, `origins` (4), and two tests' own
AGED = {"project": (PROJECT, 1 + 4 + 2)}


@pytest.fixture(scope="module")
def checked(request, aged_trees, run_importguard):
    """A project old enough to be cached, checked once, its kept entries marked; its output."""
    root = aged_trees(request.module, "project")
    first = run_importguard(root, "-j1", "tests")
    assert "Traceback" not in first.stderr, first.stderr
    assert "IMG102 'make_user' is not defined in 'app.models'" in first.stdout
    kept = mark_kept(os.path.join(root, ".importguard_cache"))
    assert {os.path.basename(key.split("\0")[0])[:-3] for key in kept} >= TESTS
    assert not any(os.path.isabs(key.split("\0")[0]) for key in kept)  # keyed relative to the root
    return root, first.stdout


def relocated(checked, tmp_path) -> str:
    """The project and its cache copied elsewhere as a checkout and a cache restore make them:
    the same bytes, every file with new timestamps."""
    root = str(tmp_path / "elsewhere" / "checkout")
    shutil.copytree(checked[0], root, copy_function=shutil.copyfile)
    return root


def marked(output: str) -> set[str]:
    """The test files whose kept findings were reused (their mark shows)."""
    return {os.path.basename(line.split(":")[0])[:-3] for line in output.splitlines() if "'KEPT'" in line}


def unmarked(output: str) -> list[str]:
    return [line for line in output.splitlines() if "'KEPT'" not in line]


def test_a_copy_elsewhere_reads_the_cache_warm(checked, tmp_path, run_importguard):
    root = relocated(checked, tmp_path)
    names = sorted(os.listdir(os.path.join(root, ".importguard_cache")))
    assert names == sorted(os.listdir(os.path.join(checked[0], ".importguard_cache")))  # the same snapshot
    copied = run_importguard(root, "-j1", "tests")  # every file changed too recently to be kept anew ...
    assert "Traceback" not in copied.stderr, copied.stderr
    assert marked(copied.stdout) == TESTS  # ... and yet every finding came from the graph, by content
    assert unmarked(copied.stdout) == checked[1].splitlines()
    time.sleep(RACY_NS / 1e9 + 0.2)
    again = run_importguard(root, "-j1", "tests").stdout  # kept again with the copy's timestamps
    assert marked(again) == TESTS and unmarked(again) == checked[1].splitlines()
    assert marked(run_importguard(root, "-j1", "tests").stdout) == TESTS


def test_a_change_in_the_copy_rechecks_only_what_it_reaches(checked, tmp_path, run_importguard, write_tree):
    root = relocated(checked, tmp_path)
    time.sleep(RACY_NS / 1e9 + 0.2)
    write_tree(root, {"app/api/views.py": "def show():\n    return 1\n"})
    after = run_importguard(root, "-j1", "tests").stdout
    fresh = run_importguard(root, "-j1", "--no-cache", "tests").stdout
    assert "IMG102 'render' is not defined in 'app.api'" in fresh
    assert unmarked(after) == fresh.splitlines()
    assert marked(after) == TESTS - {"test_api"}, after


def test_a_copy_with_a_cache_dir_inside_the_project_is_warm(tmp_path, aged, run_importguard):
    """--cache-dir below the root travels as the default does; the snapshot is named by where
    the root is from the cache directory, not by the absolute root."""
    origin = aged("project")
    first = run_importguard(origin, "-j1", "--cache-dir", ".cache/importguard", "tests").stdout
    root = str(tmp_path / "b" / "project")
    shutil.copytree(origin, root, copy_function=shutil.copyfile)
    mark_kept(os.path.join(root, ".cache", "importguard"))
    copied = run_importguard(root, "-j1", "--cache-dir", ".cache/importguard", "tests").stdout
    assert marked(copied) == TESTS and unmarked(copied) == first.splitlines()


# -- in this process: what a run checks again, counted ---------------------------------------------
def checks(root: str) -> tuple[list[str], set[str], int]:
    """Every test file of the project at `root`, as a check run takes it (Run.check_file, one
    Session, the index written at the end): the findings shown (paths relative to the root), the
    test files checked (their kept findings did not hold) and the kept entries that the graph
    compared file by file."""
    session, settings = Session(), Settings()
    run = Run(settings, session)
    project = run.project(os.path.join(root, "pyproject.toml"))
    shown, checked = [], set()
    for path in sorted(project.census.test_files()):
        result = run.check_file(path)
        assert result is not None, path
        if result.source is not None:
            checked.add(os.path.basename(path)[:-3])
        shown += [f"{os.path.relpath(path, root)}:{f.line}:{f.col + 1}: {render(f)}" for f in result.findings]
    session.flush()
    return shown, checked, session.graph(project).compared


def fresh(root: str) -> list[str]:
    """What a run without any cache shows."""
    session, settings = Session(), Settings(no_cache=True)
    run = Run(settings, session)
    project = run.project(os.path.join(root, "pyproject.toml"))
    shown = []
    for path in sorted(project.census.test_files()):
        result = run.check_file(path)
        assert result is not None, path
        shown += [f"{os.path.relpath(path, root)}:{f.line}:{f.col + 1}: {render(f)}" for f in result.findings]
    return shown


@pytest.fixture(scope="module")
def origins(request, aged_trees):
    """Projects old enough to be cached, each checked once (its index written): one per test."""
    roots = [aged_trees(request.module, "project") for i in range(4)]
    for root in roots:
        shown, checked, _ = checks(root)
        assert checked == TESTS  # nothing kept yet: every test file checked
        assert any("IMG102 'make_user' is not defined in 'app.models'" in line for line in shown)
    return roots


def restored(origin: str, into) -> str:
    """`origin` with its cache copied elsewhere, every file and directory then given a new time
    (as a checkout and a cache restored in CI leave them: the same bytes, new timestamps)."""
    root = str(into / "restored" / "project")
    shutil.copytree(origin, root)
    moment = time.time_ns() - 3600 * 10**9
    for dirpath, _, filenames in os.walk(root):
        for name in [*filenames, os.curdir]:
            os.utime(os.path.join(dirpath, name), ns=(moment, moment))
    return root


def test_a_copy_with_new_timestamps_checks_nothing_again(origins, tmp_path):
    shown_there = checks(origins[0])[0]
    root = restored(origins[0], tmp_path)
    shown, checked, compared = checks(root)  # at once: every file changed (its ctime) too recently to be kept anew
    assert (checked, compared) == (set(), 0)  # the same bytes: the same generation, every entry holds at once
    assert shown == shown_there == fresh(root)
    time.sleep(RACY_NS / 1e9 + 0.2)
    assert checks(root) == (shown, set(), 0)  # and the next run as well


def test_an_edit_in_the_copy_checks_again_only_what_it_reaches(origins, tmp_path, write_tree):
    root = restored(origins[1], tmp_path)
    assert checks(root)[1:] == (set(), 0)
    write_tree(root, {"app/api/views.py": "def show():\n    return 1\n"})
    shown, checked, compared = checks(root)
    assert checked == {"test_api"} and compared == 1  # the one entry a reverse edge leads to
    assert any("IMG102 'render' is not defined in 'app.api'" in line for line in shown)
    assert shown == fresh(root)


def test_an_edit_of_the_same_size_is_a_change(origins, tmp_path):
    """The same size and the same modification time, other bytes: the file is read again (its
    ctime moved) and its digest differs: a change, not a copy."""
    root = restored(origins[2], tmp_path)
    time.sleep(RACY_NS / 1e9 + 0.2)
    assert checks(root)[1:] == (set(), 0)  # kept with the copy's signatures
    views = os.path.join(root, "app", "api", "views.py")
    before = os.stat(views)
    with open(views, "r+", encoding="utf-8") as f:
        assert f.read() == PROJECT["app/api/views.py"] == "def render():\n    return 1\n"
        f.seek(0)
        f.write("def hidden():\n    return 1\n")
    os.utime(views, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(views).st_size == before.st_size and os.stat(views).st_mtime_ns == before.st_mtime_ns
    shown, checked, _ = checks(root)
    assert checked == {"test_api"}
    assert any("IMG102 'render' is not defined in 'app.api'" in line for line in shown)
    assert shown == fresh(root)


def test_a_module_added_in_the_copy_is_found(origins, tmp_path, write_tree):
    """The copy's directories have new timestamps too: the module list kept in the index holds
    while each directory holds the same entries, and not once one was added."""
    root = restored(origins[3], tmp_path)
    assert checks(root)[1:] == (set(), 0)
    write_tree(root, {"app/accounts.py": "def make_user():\n    return {}\n"})
    shown, checked, _ = checks(root)
    assert {"test_hint", "test_flows"} <= checked
    assert shown == fresh(root) and shown != checks(origins[3])[0]


def test_bytecode_and_hidden_entries_list_nothing_anew(aged, write_tree):
    """A test run's `__pycache__` directories, a tool's hidden cache and the index's own directory
    change no module or test file list: the census's kept lists hold through them (a stat and a
    listing of the changed directories, no walk of the project); a module added beside them does not."""
    root = aged("project")
    checks(root)
    for made in ("tests/__pycache__", "app/__pycache__", ".pytest_cache", ".tox"):
        os.makedirs(os.path.join(root, made))
    write_tree(root, {"tests/__pycache__/test_api.cpython-311.pyc": "", ".coverage": ""})
    census = Session().project_for(os.path.join(root, "pyproject.toml"), Settings()).census
    assert census._listed_lists() is not None
    write_tree(root, {"app/accounts.py": "X = 1\n"})
    census = Session().project_for(os.path.join(root, "pyproject.toml"), Settings()).census
    assert census._listed_lists() is None
    assert ("app.accounts", os.path.join(root, "app", "accounts.py")) in census.modules()
