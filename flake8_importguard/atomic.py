"""Writing files so that no reader ever sees half of one, and a best-effort lock between
processes (the index cache's helpers)."""
from __future__ import annotations

import os
import tempfile
import time


def ensure_cache_dir(directory: str) -> None:
    """Create the cache directory with a .gitignore of `*` and a CACHEDIR.TAG, as pytest does."""
    if os.path.isdir(directory):
        return
    os.makedirs(directory, exist_ok=True)
    for name, text in ((".gitignore", "# created by flake8-importguard\n*\n"),
                       ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                        "# created by flake8-importguard\n")):
        atomic_write(os.path.join(directory, name), text.encode("ascii"))


def atomic_write(path: str, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the cache from the other users of a CI box
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class Lock:
    """Best-effort exclusive lock around read-merge-write, so concurrent runs lose nothing.
    Without it (no fcntl, or held too long) the write is still atomic, only less merged."""

    def __init__(self, path: str, timeout: float = 5.0) -> None:
        self.path, self.timeout, self.fd = path, timeout, -1

    def __enter__(self) -> "Lock":
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return self
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except OSError:
                if time.monotonic() > deadline:
                    return self
                time.sleep(0.01)

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing releases the lock
