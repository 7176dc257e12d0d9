"""Real runs of the real front ends, as users start them: the flake8 and importguard console
scripts in a subprocess, optionally as an unprivileged user, over projects written to disk.

Every run has a timeout: a hang fails the test instead of stalling the suite.
"""
from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from typing import Iterator, Mapping

BIN = os.path.dirname(sys.executable)
FLAKE8 = os.path.join(BIN, "flake8")
IMPORTGUARD = os.path.join(BIN, "importguard")
TIMEOUT = 300  # seconds; generous on a shared 2-core machine: only a hang reaches it
NOBODY = "nobody"


def run(args: list[str], cwd: str, *, stdin: bytes | None = None, user: str = "",
        env: Mapping[str, str] | None = None, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """Run a command; as `user` (via setpriv) when given. Output is decoded leniently."""
    environment = {**os.environ, **(env or {})}
    if user:
        entry = pwd.getpwnam(user)
        args = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", *args]
        environment["HOME"] = cwd
    proc = subprocess.run(args, cwd=cwd, input=stdin, capture_output=True, timeout=timeout, env=environment)
    return subprocess.CompletedProcess(
        proc.args, proc.returncode,
        proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
    )


def flake8(cwd: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return run([FLAKE8, "--jobs", "1", *args], cwd, **kwargs)


def importguard(cwd: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return run([IMPORTGUARD, *args], cwd, **kwargs)


def assert_no_crash(proc: subprocess.CompletedProcess) -> None:
    """No traceback, no plugin failure report, and an exit code that means 'checked'."""
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert "failed during execution" not in output, output
    assert proc.returncode in (0, 1), (proc.returncode, output)


def write_tree(root: str, files: Mapping[str, str | bytes]) -> str:
    """Write `files` (relative path -> text or bytes) under `root`; text is written as UTF-8, as is."""
    for rel, content in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(path, "wb") as f:
            f.write(data)
    return root


def snapshot(root: str) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under root with its mode and content (a symlink by its target), for 'nothing
    changed' checks. Unreadable entries are recorded by mode only. The index cache, the one thing
    the tool writes on purpose (in its own directory), is left out."""
    seen: dict[str, tuple[int, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".importguard_cache"]
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                seen[path] = (info.st_mode, os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                try:
                    with open(path, "rb") as f:
                        seen[path] = (info.st_mode, f.read())
                except OSError:
                    seen[path] = (info.st_mode, b"<unreadable>")
            else:
                seen[path] = (info.st_mode, "")
    return seen


def can_switch_user() -> str:
    """'' when commands can run as the unprivileged user, else why not (a skip reason)."""
    if os.geteuid() != 0:
        return "" if os.access("/", os.R_OK) else "cannot read /"
    if shutil.which("setpriv") is None:
        return "setpriv is not installed: cannot drop root to test unreadable files"
    try:
        pwd.getpwnam(NOBODY)
    except KeyError:
        return f"there is no user {NOBODY!r}"
    probe = run([sys.executable, "-c", "import flake8_importguard, flake8"], "/", user=NOBODY)
    if probe.returncode != 0:
        return f"the plugin cannot be imported as {NOBODY}: {probe.stderr.strip()[-200:]}"
    return ""


def user_for_permissions() -> str:
    """The user that file permissions apply to: root reads everything, so drop to nobody."""
    return NOBODY if os.geteuid() == 0 else ""


@contextmanager
def shared_dir(prefix: str) -> Iterator[str]:
    """A temporary directory that an unprivileged user can enter (pytest's tmp_path cannot be:
    /tmp/pytest-of-root is private). Permissions are restored before removal."""
    path = tempfile.mkdtemp(prefix=prefix)
    os.chmod(path, 0o755)
    try:
        yield path
    finally:
        for dirpath, dirnames, _ in os.walk(path):
            for name in dirnames:
                full = os.path.join(dirpath, name)
                if not os.path.islink(full):
                    os.chmod(full, 0o755)
        shutil.rmtree(path, ignore_errors=True)
