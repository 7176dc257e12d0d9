"""Never run the project's code: a canary project whose every file writes a marker when executed.

tests/canary/ holds modules, packages, conftest.py, setup.py, sitecustomize.py, .pth files, a
stdlib-named package (`test`), a package that astroid's gi brain would import (`gi`), computed
`__all__` values that only astroid can read, and a C extension compiled at test time. First every
canary is shown to be live (running it with CPython writes the marker); then every front end checks
the project, as users start them, and the marker must not appear.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from collections import Counter

import astroid
import pytest

from expectations import expected_in
from flake8_importguard.base.config import Settings
from support import CANARY, FLAKE8, IMPORTGUARD, assert_no_crash, check

TEST_FILE = "tests/test_everything.py"


def _compile_extension(root: str) -> str:
    """Build app/speedups.<suffix> from app/speedups.c; '' when no C compiler is at hand."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    include = sysconfig.get_paths()["include"]
    if compiler is None or not os.path.exists(os.path.join(include, "Python.h")):
        return ""
    target = os.path.join(root, "app", "speedups" + sysconfig.get_config_var("EXT_SUFFIX"))
    subprocess.run([compiler, "-shared", "-fPIC", f"-I{include}", os.path.join(root, "app", "speedups.c"),
                    "-o", target], check=True, capture_output=True, timeout=120)
    return target


@pytest.fixture
def canary(tmp_path, project_copy):
    root = str(project_copy(tmp_path, CANARY))
    marker = str(tmp_path / "marker")
    return root, marker, _compile_extension(root)


def _fired(marker: str) -> str:
    if not os.path.exists(marker):
        return ""
    with open(marker, encoding="utf-8") as f:
        return f.read()


def _python_files(root: str) -> list[str]:
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".py"))


@pytest.mark.process
def test_every_canary_is_live(canary, run_command):
    """Proof that the canaries would tell: CPython running any of them writes the marker."""
    root, marker, extension = canary
    env = {"IMPORTGUARD_CANARY": marker}
    for path in _python_files(root):
        run_command([sys.executable, "-c", "import runpy, sys; runpy.run_path(sys.argv[1])", path], root, env=env)
        assert path in _fired(marker), path
    for pth_dir in (root, os.path.join(root, "lib", "site-packages")):
        run_command([sys.executable, "-c", "import site, sys; site.addsitedir(sys.argv[1])", pth_dir], root, env=env)
    assert "canary.pth" in _fired(marker) and "zz.pth" in _fired(marker)
    if extension:
        run_command([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); import app.speedups"], root, env=env)
        assert "app/speedups (compiled)" in _fired(marker)


STDIN = ["--stdin-display-name", TEST_FILE, "-"]
FRONT_ENDS = {
    "flake8": [FLAKE8, "--jobs", "1", "--select", "IMG", "."],
    "flake8 in parallel": [FLAKE8, "--jobs", "2", "--select", "IMG", "."],
    "python -m flake8": [sys.executable, "-m", "flake8", "--select", "IMG", "."],  # puts the root on sys.path
    "flake8 on stdin": [FLAKE8, "--select", "IMG", *STDIN],
    "importguard": [IMPORTGUARD, "."],
    "python -m flake8_importguard": [sys.executable, "-m", "flake8_importguard", "."],
    "importguard on stdin": [IMPORTGUARD, *STDIN],
}


@pytest.mark.process
@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_no_front_end_runs_project_code(canary, front_end, run_command):
    root, marker, _ = canary
    command = FRONT_ENDS[front_end]
    expected = expected_in(os.path.join(root, TEST_FILE)).codes
    assert expected, "the canary test file lost its markers"
    with open(os.path.join(root, TEST_FILE), "rb") as f:
        stdin = f.read() if command[-1] == "-" else None
    proc = run_command(command, root, stdin=stdin, env={"IMPORTGUARD_CANARY": marker})
    assert_no_crash(proc)
    assert not _fired(marker), f"{front_end} ran project code:\n{_fired(marker)}"
    got = Counter((int(line.split(":")[1]), line.split(": ")[1].split()[0])
                  for line in proc.stdout.splitlines() if TEST_FILE in line)
    assert got == expected, proc.stdout + proc.stderr


# The rewriting front ends: run where this importguard has them (a fixer is written elsewhere).
REWRITING = {
    "importguard --diff": [IMPORTGUARD, "--diff", "."],
    "importguard --fix": [IMPORTGUARD, "--fix", "."],
    "importguard --stub": [IMPORTGUARD, "--stub", "."],
    "importguard --diff --stub": [IMPORTGUARD, "--diff", "--stub", "."],
}


@pytest.mark.process
@pytest.mark.parametrize("front_end", sorted(REWRITING))
def test_no_rewriting_front_end_runs_project_code(canary, front_end, run_command):
    root, marker, _ = canary
    command = REWRITING[front_end]
    usage = run_command([IMPORTGUARD, "--help"], root).stdout
    absent = [flag for flag in command if flag.startswith("--") and flag not in usage]
    if absent:
        pytest.skip(f"this importguard has no {' '.join(absent)} yet")
    proc = run_command(command, root, env={"IMPORTGUARD_CANARY": marker})
    assert_no_crash(proc)
    assert not _fired(marker), f"{front_end} ran project code:\n{_fired(marker)}"


def test_the_core_in_process_runs_no_project_code(canary, monkeypatch):
    """In one process with the project on sys.path (as under `python -m pytest` from its root)."""
    root, marker, extension = canary
    monkeypatch.setenv("IMPORTGUARD_CANARY", marker)
    monkeypatch.syspath_prepend(root)
    monkeypatch.chdir(root)
    manager = astroid.MANAGER
    before = list(sys.path), set(sys.modules)
    astroid_before = (list(manager._failed_import_hooks), set(manager.extension_package_whitelist),
                      manager.always_load_extensions, manager.module_denylist)
    for path in _python_files(root):
        with open(path, "rb") as f:
            check(f.read(), path, Settings(all_files=True))
    assert not _fired(marker), _fired(marker)
    assert list(sys.path) == before[0], "the resolver left sys.path changed"
    assert not {m for m in set(sys.modules) - before[1] if m.split(".")[0] in ("app", "gi", "test")}
    assert (list(manager._failed_import_hooks), set(manager.extension_package_whitelist),
            manager.always_load_extensions, manager.module_denylist) == astroid_before, "astroid left changed"
