"""Writing files safely: atomically, keeping the mode, and never outside the project root.

The bytes written are exactly the bytes the fixer produced (encoding, BOM and line endings are
kept by the fixer); this module only puts them on disk.
"""
from __future__ import annotations

import os
import stat
import tempfile


class OutsideRoot(ValueError):
    """A write that would land outside the project root (directly or through a symlink)."""


def inside(path: str, root: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str, data: bytes, root: str) -> None:
    """Replace (or create) `path` with `data`: a temporary file in the same directory, then
    os.replace, so readers see the old file or the new one, never half of it. A symlink is
    followed: its target is rewritten, the link stays. Raises OSError or OutsideRoot."""
    real = os.path.realpath(path)
    if not inside(real, root):
        raise OutsideRoot(path)
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    directory, name = os.path.split(real)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".importguard")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def make_dirs(directory: str, root: str) -> None:
    """Create `directory` and its parents, all inside the project root."""
    if not inside(directory, root):
        raise OutsideRoot(directory)
    os.makedirs(directory, exist_ok=True)
