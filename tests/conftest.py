"""The fixtures every test module may ask for. Each returns a function (they hold no state, so
they are session-wide and a module fixture may use them too):

    write_tree(root, {relative path: text | bytes}) -> root      a project written to disk
    project_copy(into, source="fixes", *, name=, ignore=()) -> Path
                              a copy of tests/projects/<source> (or of the directory `source`)
    snapshot(root) -> dict    every entry under root, for "nothing changed" checks

    run_command(args, cwd, *, stdin=, env=, user=, timeout=) -> CompletedProcess
    run_importguard(cwd, *args, script=False, **options)   python -m flake8_importguard ...
    run_flake8(cwd, *args, script=False, **options)        python -m flake8 ...
                              with script=True: the `importguard` / `flake8` console script
    run_python(cwd, code, **options)                       python -I -c, the cwd on sys.path
    imports(cwd, module) -> bool                           does CPython import it there

Every run is a real process with a timeout (a hang fails the test instead of stalling the
suite), returns its output as text (strict UTF-8, no newline translation) and writes no bytecode:
PYTHONDONTWRITEBYTECODE=1 is set for every process, so that a project a test imports from is
left as it was. Shared data (paths, the APP project) and the in-process core (`check`, `fix`)
are in support.py.
"""
from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Mapping, Sequence

import pytest

from support import FLAKE8, IMPORTGUARD, PROJECTS, TIMEOUT, write_tree as _write_tree

collect_ignore = ["canary"]  # a project whose every file must never run: not even its conftest.py
collect_ignore_glob = ["projects/*", "projects/**"]


def pytest_configure(config):
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))


def _run(args: Sequence[str | os.PathLike[str]], cwd: str | os.PathLike[str], *, stdin: str | bytes | None = None,
         env: Mapping[str, str] | None = None, user: str = "",
         timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run a command in `cwd`, as `user` (via setpriv, with HOME set to `cwd`) when given."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    command = [os.fspath(arg) for arg in args]
    if user:
        entry = pwd.getpwnam(user)
        command = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", *command]
        environment["HOME"] = os.fspath(cwd)
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(command, cwd=cwd, input=data, capture_output=True, timeout=timeout, env=environment)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))


@pytest.fixture(scope="session")
def run_command():
    """run_command(args, cwd, *, stdin=None, env=None, user="", timeout=TIMEOUT): any command.
    `stdin` is text or bytes; `env` is added to this process's environment."""
    return _run


@pytest.fixture(scope="session")
def run_importguard():
    """run_importguard(cwd, *args, script=False, **options): `python -m flake8_importguard args`,
    or with script=True the `importguard` console script; options as for run_command."""
    def run_importguard(cwd, *args: str, script: bool = False, **options) -> subprocess.CompletedProcess[str]:
        command = [IMPORTGUARD] if script else [sys.executable, "-m", "flake8_importguard"]
        return _run([*command, *args], cwd, **options)
    return run_importguard


@pytest.fixture(scope="session")
def run_flake8():
    """run_flake8(cwd, *args, script=False, **options): `python -m flake8 args` (which puts the
    cwd on sys.path), or with script=True the `flake8` console script; options as for run_command."""
    def run_flake8(cwd, *args: str, script: bool = False, **options) -> subprocess.CompletedProcess[str]:
        command = [FLAKE8] if script else [sys.executable, "-m", "flake8"]
        return _run([*command, *args], cwd, **options)
    return run_flake8


def _python(cwd, code: str, **options) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, ''); {code}"], cwd, **options)


@pytest.fixture(scope="session")
def run_python():
    """run_python(cwd, code, **options): CPython isolated from the environment (-I), with only
    `cwd` added to sys.path, runs `code`."""
    return _python


@pytest.fixture(scope="session")
def imports():
    """imports(cwd, module) -> bool: does `import module` work for CPython in `cwd` (as run_python)."""
    def imports(cwd, module: str) -> bool:
        return _python(cwd, f"import {module}").returncode == 0
    return imports


@pytest.fixture(scope="session")
def write_tree():
    """write_tree(root, {relative path: text | bytes}) -> root: text is written as UTF-8, as is."""
    return _write_tree


@pytest.fixture(scope="session")
def project_copy():
    """project_copy(into, source="fixes", *, name=None, ignore=()) -> Path: a copy of the fixture
    project tests/projects/<source> (or of the directory `source`, an absolute path) at
    into/<name or its name>, without __pycache__ or what the `ignore` patterns match."""
    def project_copy(into, source: str = "fixes", *, name: str | None = None, ignore: Sequence[str] = ()) -> Path:
        origin = source if os.path.isabs(source) else os.path.join(PROJECTS, source)
        target = Path(into) / (name or os.path.basename(origin))
        shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", *ignore))
        return target
    return project_copy


def _snapshot(root: str | os.PathLike[str]) -> dict[str, tuple[int, bytes | str]]:
    seen: dict[str, tuple[int, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".importguard_cache"]
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                seen[rel] = (info.st_mode, os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                try:
                    with open(path, "rb") as f:
                        seen[rel] = (info.st_mode, f.read())
                except OSError:
                    seen[rel] = (info.st_mode, b"<unreadable>")
            else:
                seen[rel] = (info.st_mode, "")
    return seen


@pytest.fixture(scope="session")
def snapshot():
    """snapshot(root) -> {relative path: (mode, content)}: every entry under root, a file by its
    bytes, a link by its target, a directory by its mode; an unreadable file by its mode only.
    The index cache, the one thing the tool writes on purpose (in its own directory), is left out.
    Two snapshots of different roots compare equal when the trees are the same."""
    return _snapshot
