"""Files and directories: the one directory walker (and its one skip list), the one atomic
writer, a best-effort lock between processes, and the digests the index names and checks
files by."""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from hashlib import blake2b as blake2b, sha1 as sha1  # (re-exported)
else:
    try:  # hashlib's own constructors, without importing hashlib: it starts OpenSSL (2.5 ms of an editor's save)
        from _blake2 import blake2b  # noqa: F401  (the index's digests: cache.py, census.py, snapshot.py)
        from _sha1 import sha1  # noqa: F401
    except ImportError:  # an interpreter built without them
        from hashlib import blake2b, sha1  # noqa: F401

# The one skip list. Directories that never hold the project's own code or tests, wherever they
# are (hidden ones and `*.egg-info` too); and those that hold none at the top of a walk (build
# output, virtual environments, documentation, examples), which are walked only when named.
SKIP_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "__pypackages__"})
SKIP_TOP_DIRS = frozenset({"build", "dist", "venv", "env", "htmlcov", "docs", "examples"})
PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def skipped(name: str, at_top: bool) -> bool:
    """Is the directory `name` left out of a walk (see SKIP_DIRS)?"""
    return (name.startswith(".") or name in SKIP_DIRS or name.endswith(".egg-info")
            or at_top and name in SKIP_TOP_DIRS)


def walk(top: str, *, project: bool = False, follow_links: bool = False,
         onerror: Callable[[OSError], None] | None = None,
         nested: list[str] | None = None) -> Iterator[tuple[str, list[str], list[str]]]:
    """os.walk, sorted, without the skipped directories; the caller may prune `dirnames` further.
    `project`: `top` is a project's root, so nested projects (a directory with a project file of
    its own) are left out too (and added to `nested`). `follow_links`: the caller prunes what it
    has seen already."""
    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=follow_links):
        at_top = dirpath == top
        kept = [d for d in dirnames if not skipped(d, at_top)]
        if project:
            own = [d for d in kept if _own_project(os.path.join(dirpath, d))]
            kept = [d for d in kept if d not in own]
            if nested is not None:
                nested.extend(os.path.join(dirpath, d) for d in own)
        dirnames[:] = sorted(kept)
        yield dirpath, dirnames, sorted(filenames)


def _own_project(directory: str) -> bool:
    try:
        return any(name in PROJECT_FILES for name in os.listdir(directory))
    except OSError:
        return False


class RealPaths:
    """os.path.realpath of many files, each directory resolved once: a file that is no symlink
    resolves to its directory's real path and its name (realpath costs a stat of every component
    of the path: 24 ms for the 1,746 test files of the generated backend, 11 ms so)."""

    def __init__(self) -> None:
        self._dirs: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if os.pardir in path.split(os.sep) or os.path.islink(path):
            return os.path.realpath(path)  # (`link/..` resolves the link first)
        directory, name = os.path.split(os.path.abspath(path))
        real = self._dirs.get(directory)
        if real is None:
            real = self._dirs[directory] = os.path.realpath(directory)
        return os.path.join(real, name)


def shown(path: str) -> str:
    """A path as the user would type it: relative to the current directory when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


DEFAULT_EXCLUDE = (".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__", ".tox", ".nox", ".eggs", "*.egg")  # flake8's


class Excluded:
    """flake8's `exclude`: does a pattern match the file's or directory's name, or its absolute
    path (fnmatch)? The patterns are one regular expression for names and one for paths (those
    that can match an absolute path: a wildcard or a separator in them), so that a walk pays one
    match a name (fnmatch, pattern by pattern, cost a walk of the generated backend's tests 15 ms)."""

    def __init__(self, patterns: tuple[str, ...] = ()) -> None:
        self.patterns = patterns
        separators = os.sep + (os.altsep or "")
        self._names = _one_pattern(patterns)
        self._paths = _one_pattern(tuple(p for p in patterns if any(c in p for c in "*?[" + separators)))

    def __call__(self, path: str) -> bool:
        return self.matches(os.path.basename(path), os.path.abspath(path) if self._paths else "")

    def matches(self, name: str, absolute: str) -> bool:
        """Does a pattern match `name` or `absolute` (the path, made absolute; "" when `wants_paths` is False)?"""
        return (self._names is not None and name not in (".", "..") and self._names.match(name) is not None
                or self._paths is not None and self._paths.match(absolute) is not None)

    @property
    def wants_paths(self) -> bool:
        return self._paths is not None


def _one_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The fnmatch patterns as one expression (None for none), cased as the file system is."""
    if not patterns:
        return None
    import fnmatch

    flags = re.IGNORECASE if os.path.normcase("A") == "a" else 0
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns), flags)


def python_files(paths: list[str], excluded: Excluded = Excluded()) -> Iterator[str]:
    """The Python files named or found under the directories named, but those `excluded` (a path
    named that matches, or a file or directory under a directory named: flake8's walk); a
    directory that cannot be listed is yielded too, so that the caller reports it instead of
    skipping it."""
    for path in paths:
        if excluded(path):
            continue
        if not os.path.isdir(path):
            yield path
            continue
        unlisted: list[str] = []
        for dirpath, dirnames, filenames in walk(path, onerror=lambda err: unlisted.append(str(err.filename))):
            base = os.path.abspath(dirpath) + os.sep if excluded.wants_paths else ""
            dirnames[:] = [d for d in dirnames if not excluded.matches(d, base + d if base else "")]
            yield from (os.path.join(dirpath, f) for f in filenames
                        if f.endswith((".py", ".pyi")) and not excluded.matches(f, base + f if base else ""))
        yield from unlisted


# -- writing ---------------------------------------------------------------------------------------
class OutsideRoot(ValueError):
    """A write that would land outside the project root (directly or through a symlink)."""


def inside(path: str, root: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str, data: bytes | Iterable[bytes], *, root: str = "", mode: int | None = None,
                 durable: bool = True) -> None:
    """Replace (or create) `path` with `data` (bytes, or the parts of them in turn: the index's pack
    is written from its shards without holding all of them at once): a temporary file in the same directory, then
    os.replace, so readers see the old file or the new one, never half of it. A symlink is
    followed (its target is rewritten, the link stays); the file keeps its mode unless `mode` is
    given. A file the user may not write (or that no one may: mode 0444, even for root) is refused
    with PermissionError, as `open(path, "w")` would. With `root`, a path outside it is refused;
    `durable` syncs it to disk first (a cache that can be rebuilt need not be). Raises OSError or
    OutsideRoot."""
    real = os.path.realpath(path)
    if root and not inside(real, root):
        raise OutsideRoot(path)
    try:
        kept: int | None = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        kept = None
    if kept is not None and (not kept & 0o222 or not os.access(real, os.W_OK)):
        raise PermissionError(errno.EACCES, "read-only file", path)  # the rename would bypass the mode
    if mode is None:
        mode = _default_mode() if kept is None else kept
    directory, name = os.path.split(real)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".importguard")
    try:
        with os.fdopen(fd, "wb") as f:
            for part in [data] if isinstance(data, bytes) else data:
                f.write(part)
            if durable:
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


def write_output(path: str, text: str) -> str:
    """Write a report (`--output-file`): its missing parent directories are created, as flake8 and
    ruff do. '' when written, else why not (the caller exits 2)."""
    try:
        directory = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(directory, exist_ok=True)
        except FileExistsError as exc:  # a parent is a file
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename) from None
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        return f"--output-file {path}: cannot write: {exc.strerror or exc}{_at(exc, path)}"
    return ""


def _at(exc: OSError, path: str) -> str:
    """Where an error happened when it is a parent directory of `path` (one that is a file)."""
    where = os.path.abspath(exc.filename) if isinstance(exc.filename, str) else ""
    return f": {shown(where)}" if where and os.path.abspath(path).startswith(where + os.sep) else ""


def make_dirs(directory: str, root: str) -> None:
    """Create `directory` and its parents, all inside the project root."""
    if not inside(directory, root):
        raise OutsideRoot(directory)
    os.makedirs(directory, exist_ok=True)


def ensure_cache_dir(directory: str) -> None:
    """Create a cache directory with a .gitignore of `*` and a CACHEDIR.TAG, as pytest does."""
    if os.path.isdir(directory):
        return
    os.makedirs(directory, exist_ok=True)
    for name, text in ((".gitignore", "# created by flake8-importguard\n*\n"),
                       ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                        "# created by flake8-importguard\n")):
        write_atomic(os.path.join(directory, name), text.encode("ascii"), mode=0o644, durable=False)


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
