"""The fixtures every test module may ask for. Each returns a function (they hold no state, so
they are session-wide and a module fixture may use them too):

    write_tree(root, {relative path: text | bytes}) -> root      a project written to disk
    project_copy(into, source="fixes", *, name=, ignore=()) -> Path
                              a copy of tests/projects/<source> (or of the directory `source`)
    snapshot(root) -> dict    every entry under root, for "nothing changed" checks
    aged(name) -> str         a copy of the module's AGED[name] project, old enough for the
                              index cache to keep what it reads (one copy per call)
    clone -> Path             this repository as it is now, committed: the hooks' repository
    run_hook(hook, cwd)       the real pre-commit running that hook of the clone on every file

    run_command(args, cwd, *, stdin=, env=, user=, timeout=) -> CompletedProcess
    run_importguard(cwd, *args, script=False, process=False, **options)
                              `python -m flake8_importguard ...`: cli.main(args) in this process
    run_flake8(cwd, *args, script=False, process=False, **options)
                              `python -m flake8 ...`: flake8's own main(args) in this process
                              with script=True: as the `importguard` / `flake8` console script;
                              with process=True (or a `user`): that real process
    run_python(cwd, code, **options)                       python -I -c, the cwd on sys.path
    imports(cwd, module) -> bool                           does CPython import it there

The front ends run in this process by default, as the process would see the world: its
current directory, sys.argv, sys.path, environment and standard streams are set for the call
and restored after it (_in_process); each call makes its own state, as a process does (the
command a Session per run, the flake8 plugin a new round per run). A test whose contract only a
real process shows (the console scripts, `-j` workers, pre-commit, file permissions, the canary,
processes racing on a cache, what flake8 writes at exit) passes process=True and is marked
`process`.

Every real process has a timeout (a hang fails the test instead of stalling the suite; an
in-process call has the same one, by an alarm), returns its output as text (strict UTF-8, no
newline translation) and writes no bytecode: PYTHONDONTWRITEBYTECODE=1 is set for every
process, so that a project a test imports from is left as it was. Shared data (paths, the APP
project) and the in-process core (`check`, `fix`) are in support.py.
"""
from __future__ import annotations

import importlib.util
import io
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Callable, Mapping, Sequence

import pytest

from flake8_importguard.index.cache import RACY_NS
from support import FLAKE8, GIT_USER, IMPORTGUARD, PROJECTS, ROOT, TIMEOUT, write_tree as _write_tree

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


def _interpreter_path() -> list[str]:
    """sys.path[1:] of a fresh interpreter without PYTHONPATH: what a process of ours would have
    after its own first entry (its directory or the current one) and PYTHONPATH's entries."""
    global _BASE_PATH
    if _BASE_PATH is None:
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        proc = subprocess.run([sys.executable, "-c", "import json, sys; print(json.dumps(sys.path[1:]))"],
                              capture_output=True, check=True, env=environment, timeout=TIMEOUT)
        _BASE_PATH = json.loads(proc.stdout)
    return list(_BASE_PATH)


_BASE_PATH: list[str] | None = None


class _Stdin(io.TextIOWrapper):
    """Standard input as a process has it: text over a `.buffer` of bytes."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", newline=None)


class _Timeout(BaseException):
    """An in-process run took longer than its timeout (as a hung process would)."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout()


def _in_process(main: Callable[[list[str]], int | None], program: str, args: Sequence[str],
                cwd: str | os.PathLike[str], *, stdin: str | bytes | None = None,
                env: Mapping[str, str] | None = None, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Call a front end's `main(args)` in this process as if it were the process `program args`
    started in `cwd` (see _run): the current directory, sys.argv, sys.path (its first entry
    `program`'s directory, or `cwd` for `python -m`, then PYTHONPATH), the environment and
    standard input, output and error are the process's for the call and restored after it.
    The exit code is main's value or SystemExit's; an exception is printed as Python would
    and exits 1."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    directory = os.path.abspath(cwd)
    first = directory if program.endswith("__main__.py") else os.path.dirname(program)
    pythonpath = environment.get("PYTHONPATH", "").split(os.pathsep)
    extra = [os.path.abspath(os.path.join(directory, p)) for p in pythonpath if p]
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out, err = io.BytesIO(), io.BytesIO()
    fake = (_Stdin(data), io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True),
            io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="", write_through=True))
    saved = (os.getcwd(), sys.argv, sys.path[:], dict(os.environ), sys.stdin, sys.stdout, sys.stderr,
             sys.dont_write_bytecode)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        os.chdir(directory)
        os.environ.clear()
        os.environ.update(environment)
        sys.argv = [program, *args]
        sys.path[:] = [first, *extra, *_interpreter_path()]
        sys.dont_write_bytecode = True
        sys.stdin, sys.stdout, sys.stderr = fake
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
            if code is not None and not isinstance(code, int):
                print(code, file=sys.stderr)
                code = 1
        except _Timeout:
            raise subprocess.TimeoutExpired([program, *args], timeout) from None
        except Exception:  # what Python prints for an uncaught exception, and its exit code
            traceback.print_exc()
            code = 1
        fake[1].flush()
        fake[2].flush()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(saved[0])
        os.environ.clear()
        os.environ.update(saved[3])
        sys.argv, sys.stdin, sys.stdout, sys.stderr, sys.dont_write_bytecode = saved[1], *saved[4:]
        sys.path[:] = saved[2]
    return subprocess.CompletedProcess([program, *args], code or 0, out.getvalue().decode("utf-8"),
                                       err.getvalue().decode("utf-8"))


def _importguard_main(args: list[str]) -> int:
    from flake8_importguard.cli import main

    return main(args)


def _flake8_main(args: list[str]) -> int:
    from flake8.main.cli import main
    from flake8.utils import stdin_get_value

    stdin_get_value.cache_clear()  # flake8 reads standard input once per process
    return main(args)


@pytest.fixture(scope="session")
def run_importguard():
    """run_importguard(cwd, *args, script=False, process=False, **options): `python -m
    flake8_importguard args`, or with script=True the `importguard` console script; options as
    for run_command. It runs in this process (cli.main, as _in_process describes) unless
    process=True or a `user` is given: then it is that real process."""
    def run_importguard(cwd, *args: str, script: bool = False, process: bool = False,
                        **options) -> subprocess.CompletedProcess[str]:
        if process or options.get("user"):
            command = [IMPORTGUARD] if script else [sys.executable, "-m", "flake8_importguard"]
            return _run([*command, *args], cwd, **options)
        return _in_process(_importguard_main, IMPORTGUARD if script else _MAIN["flake8_importguard"], args, cwd,
                           **options)
    return run_importguard


@pytest.fixture(scope="session")
def run_flake8():
    """run_flake8(cwd, *args, script=False, process=False, **options): `python -m flake8 args`
    (which puts the cwd on sys.path), or with script=True the `flake8` console script; options as
    for run_command. It runs in this process (flake8's own main, as _in_process describes) unless
    process=True or a `user` is given: then it is that real process."""
    def run_flake8(cwd, *args: str, script: bool = False, process: bool = False,
                   **options) -> subprocess.CompletedProcess[str]:
        if process or options.get("user"):
            command = [FLAKE8] if script else [sys.executable, "-m", "flake8"]
            return _run([*command, *args], cwd, **options)
        return _in_process(_flake8_main, FLAKE8 if script else _MAIN["flake8"], args, cwd, **options)
    return run_flake8


_MAIN = {name: os.path.join(os.path.dirname(importlib.util.find_spec(name).origin or ""), "__main__.py")
         for name in ("flake8", "flake8_importguard")}  # sys.argv[0] of `python -m name`


def _python(cwd, code: str, **options) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-I", "-B", "-c", f"import sys; sys.path.insert(0, ''); {code}"], cwd, **options)


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
def lint(run_importguard):
    """lint(root, *args) -> the output of `importguard -j1 args tests`, which must not crash."""
    def lint(root: str, *args: str) -> str:
        proc = run_importguard(root, "-j1", *args, "tests")
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.stdout
    return lint


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


AGE = RACY_NS / 1e9 + 0.2  # seconds after which what was written is old enough for the index cache to keep


def _aged_copies(base: str | os.PathLike[str], files: Mapping[str, str | bytes], count: int) -> list[str]:
    return [_write_tree(os.path.join(base, str(i), "project"), files) for i in range(count)]


@pytest.fixture(scope="session")
def aged_trees(request, tmp_path_factory):
    """aged_trees(module, name) -> the root of a copy of the project module.AGED[name] (a table
    {name: (files, copies)} in a test module), old enough for the index cache to keep what is read
    from it, and handed out once. Every copy the collected modules declare is written at the
    start, then one wait until all are old enough; a module that asks for more copies than its
    table says (a test run again) gets a new one, and waits for it."""
    base = tmp_path_factory.mktemp("aged")
    modules = {item.module.__name__: item.module for item in request.session.items
               if getattr(item, "module", None) is not None}
    trees = {(name, tree): _aged_copies(base / name / tree, files, count)
             for name, module in sorted(modules.items())
             for tree, (files, count) in getattr(module, "AGED", {}).items()}
    if trees:
        time.sleep(AGE)

    def aged_trees(module, name: str) -> str:
        roots = trees.setdefault((module.__name__, name), [])
        if not roots:
            files, _ = module.AGED[name]
            roots.extend(_aged_copies(tmp_path_factory.mktemp("aged-more"), files, 1))
            time.sleep(AGE)
        return roots.pop(0)
    return aged_trees


@pytest.fixture
def aged(request, aged_trees):
    """aged(name) -> aged_trees(this test's module, name): a copy of the module's AGED[name],
    old enough to be cached, this test's own."""
    return lambda name: aged_trees(request.module, name)


@pytest.fixture(scope="session")
def clone(tmp_path_factory) -> Path:
    """A clone of this repository as it is now (uncommitted work included), committed, so that a
    hook can be pinned to a commit that exists (what a user's clone is)."""
    target = tmp_path_factory.mktemp("clone") / "flake8-importguard"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if os.path.isfile(os.path.join(ROOT, rel)):
            os.makedirs(os.path.dirname(target / rel), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, rel), target / rel)
    env = {**os.environ, **GIT_USER}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "clone"]):
        subprocess.run(["git", *args], cwd=target, check=True, env=env, capture_output=True)
    return target


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    """PRE_COMMIT_HOME for the session: pre-commit builds the clone's hook environment once, and
    every test that runs a hook of the clone at its commit reuses it."""
    return tmp_path_factory.getbasetemp() / "pre-commit-home"


@pytest.fixture(scope="session")
def run_hook(clone, pre_commit_home, tmp_path_factory):
    """run_hook(hook, cwd) -> CompletedProcess: the real pre-commit runs `hook` of this repository
    on every file of the git repository `cwd`, verbosely, as `pre-commit try-repo <this repository>
    hook --all-files --verbose` does (a configuration of that one hook of the repository, outside
    the repository checked), with the hooks' repository pinned to `clone`'s commit and the
    session's hook environment."""
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True,
                         check=True).stdout.strip()
    configs = tmp_path_factory.mktemp("hook-configs")

    def run_hook(hook: str, cwd: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
        config = configs / f"{hook}.yaml"
        config.write_text(f"repos:\n  - repo: {clone}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
                          encoding="utf-8")
        return _run([sys.executable, "-m", "pre_commit", "run", hook, "--config", config, "--all-files", "--verbose"],
                    cwd, env={"PRE_COMMIT_HOME": str(pre_commit_home)})
    return run_hook
