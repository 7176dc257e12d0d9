"""The on-disk project index cache: module summaries, the module list, inferred `__all__`s.

One JSON snapshot per project and interpreter, `<cache dir>/index-<root hash>-<python>.json`,
loaded lazily on the first lookup and written once at the end of a run (read, merge, write a
temporary file, `os.replace`), so readers never see half a file and racing writers never
corrupt it: at worst one run's new entries are lost and rebuilt next time.

Every entry carries the signature of the files it was built from, (size, mtime_ns, ctime_ns),
and a digest of their content. An entry whose file has another signature is used only if the
size and content are the same (a fresh checkout, or a cache restored in CI, moves every
timestamp; reading and hashing a file costs a fraction of parsing it). A module list carries
the mtimes of the directories it was listed from, an inferred `__all__` the listings of its
files' directories (adding, deleting or renaming a module changes them). Files changed
within the last RACY_NS of being read are not cached at all: a second edit in the same
timestamp tick could go unseen.

A corrupt, truncated or foreign (other tool version, other interpreter, other root) snapshot
is ignored and replaced; a cache directory that cannot be written is read, never written.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
import tempfile
import time
import weakref
from functools import lru_cache
from typing import Callable, Iterable

from flake8_importguard import __version__
from flake8_importguard.summary import ModuleSummary

FORMAT = 2
RACY_NS = 2_000_000_000
DEFAULT_DIR = ".importguard_cache"
_PYTHON = f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}"
_SECTIONS = ("summaries", "modules", "inferred_all")

Signature = list  # [size, mtime_ns, ctime_ns]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of the modules whose code decides what is cached, so that a development install
    whose version number did not move never reads entries an older summarizer wrote."""
    digest = hashlib.sha1()
    here = os.path.dirname(os.path.abspath(__file__))
    for name in ("summary.py", "project.py", "resolver.py", "cache.py"):
        try:
            with open(os.path.join(here, name), "rb") as f:
                digest.update(f.read())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]


def signature(path: str) -> Signature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _racy(sig: Signature, now: int) -> bool:
    return now - max(sig[1], sig[2]) < RACY_NS


def _read(path: str) -> bytes | ModuleSummary:
    """A module's bytes, or the summary of a module that cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        return ModuleSummary(error=f"cannot read: {exc.strerror or exc}")


def _digest(source: bytes) -> str:
    return hashlib.blake2b(source, digest_size=16).hexdigest()


def _same_content(path: str, digest: object) -> bool:
    source = _read(path)
    return isinstance(source, bytes) and _digest(source) == digest


def _same_file(path: str, sig: Signature, digest: str) -> bool:
    """Unchanged: the same signature, or the same size and content (timestamps moved)."""
    current = signature(path)
    return current is not None and (current == sig or current[0] == sig[0] and _same_content(path, digest))


def _listing(directory: str) -> str | None:
    """A digest of a directory's entries (what adding, deleting or renaming a module changes)."""
    try:
        entries = sorted(os.listdir(directory))
    except OSError:
        return None
    return _digest("\0".join(entries).encode("utf-8", "surrogateescape"))


def _dir_mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


class NoCache:
    """The cache turned off: everything is built, nothing is kept between runs."""

    path = ""

    def summary(self, path: str, package: str, summarize: Callable[[bytes], ModuleSummary]) -> ModuleSummary:
        source = _read(path)
        return summarize(source) if isinstance(source, bytes) else source

    def has_summary(self, path: str, package: str) -> bool:
        return False

    def all_modules(self, roots: tuple[str, ...], walk: Callable[[], tuple[list, set]]) -> list:
        return walk()[0]

    def inferred_all(self, path: str, infer: Callable[[], tuple[list | None, Iterable[str]]]) -> list | None:
        return infer()[0]

    def load(self) -> None:
        pass

    def take_new(self) -> dict:
        return {}

    def merge_new(self, new: dict) -> None:
        pass

    def flush(self) -> None:
        pass


class IndexCache(NoCache):
    def __init__(self, cache_dir: str, root: str) -> None:
        self.dir = os.path.abspath(cache_dir)
        self.root = root
        digest = hashlib.sha1(root.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        self.path = os.path.join(self.dir, f"index-{digest}-{_PYTHON}.json")
        self._data: dict | None = None  # the snapshot as read: section -> key -> raw entry
        self._new: dict = {}  # what this process built since the last take_new/flush

    # -- reading ------------------------------------------------------------------------------
    def _header(self) -> dict:
        return {"format": FORMAT, "tool": __version__, "code": _code_fingerprint(), "python": _PYTHON,
                "root": self.root}

    def _read(self) -> dict:
        """The snapshot on disk, or an empty one when it is missing, corrupt or foreign."""
        empty: dict = {name: {} for name in _SECTIONS}
        try:
            with open(self.path, "rb") as f:
                data = json.loads(f.read())
        except (OSError, ValueError, RecursionError, MemoryError):
            return empty
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in self._header().items()):
            return empty
        for name in _SECTIONS:
            if not isinstance(data.get(name), dict):
                data[name] = {}
        return data

    def load(self) -> None:
        """Read the snapshot now (a parent does, so that forked workers share it)."""
        if self._data is None:
            self._data = self._read()

    @property
    def data(self) -> dict:
        self.load()
        return self._data  # type: ignore[return-value]

    def _lookup(self, section: str, key: str) -> object:
        entry = self._new.get(section, {}).get(key)
        return entry if entry is not None else self.data[section].get(key)

    def _store(self, section: str, key: str, entry: object) -> None:
        self._new.setdefault(section, {})[key] = entry

    # -- module summaries ---------------------------------------------------------------------
    def _cached_summary(self, key: str, path: str, sig: Signature | None) -> dict | None:
        """The cached summary of `path` while it holds: same signature, or (after a checkout or
        a cache restored in CI gave every file new timestamps) same size and same content."""
        entry = self._lookup("summaries", key)
        if sig is None or not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], list)):
            return None
        if entry[0] == sig:
            return entry[1]
        if entry[0][:1] == sig[:1] and _same_content(path, entry[2]):
            self._keep("summaries", key, sig, [sig, entry[1], entry[2]])  # stat it next time
            return entry[1]
        return None

    def has_summary(self, path: str, package: str) -> bool:
        return self._cached_summary(f"{path}\0{package}", path, signature(path)) is not None

    def summary(self, path: str, package: str, summarize: Callable[[bytes], ModuleSummary]) -> ModuleSummary:
        key = f"{path}\0{package}"
        sig = signature(path)  # taken before the file is read: a later change shows
        cached = self._cached_summary(key, path, sig)
        if cached is not None:
            try:
                return ModuleSummary.from_json(cached)
            except (TypeError, ValueError, AttributeError):
                pass  # a snapshot from a changed ModuleSummary: rebuild
        source = _read(path)
        if not isinstance(source, bytes):
            return source
        built = summarize(source)
        self._keep("summaries", key, sig, [sig, built.to_json(), _digest(source)])
        return built

    def _keep(self, section: str, key: str, sig: Signature | None, entry: object) -> None:
        """Store an entry built from a file with signature `sig`, unless the file is too fresh."""
        if sig is not None and not _racy(sig, time.time_ns()):
            self._store(section, key, entry)

    # -- every module of the project ----------------------------------------------------------
    def all_modules(self, roots: tuple[str, ...], walk: Callable[[], tuple[list, set]]) -> list:
        """`walk()` -> (modules, directories listed); kept while no listed directory changed."""
        entry = self._lookup("modules", "all")
        if isinstance(entry, dict) and entry.get("roots") == list(roots) and isinstance(entry.get("dirs"), dict):
            if all(_dir_mtime(d) == m for d, m in entry["dirs"].items()):
                return [tuple(item) for item in entry["modules"]]
        now = time.time_ns()
        modules, dirs = walk()
        mtimes = {d: _dir_mtime(d) for d in sorted(dirs)}
        if all(m is not None and now - m >= RACY_NS for m in mtimes.values()):
            self._store("modules", "all", {"roots": list(roots), "dirs": mtimes,
                                           "modules": [list(m) for m in modules]})
        return modules

    # -- __all__ that needed astroid ----------------------------------------------------------
    def inferred_all(self, path: str, infer: Callable[[], tuple[list | None, Iterable[str]]]) -> list | None:
        """`infer()` -> (names or None, files it read); kept while none of those files changed
        and no file was added to or removed from their directories."""
        entry = self._lookup("inferred_all", path)
        if isinstance(entry, dict) and isinstance(entry.get("files"), dict) and isinstance(entry.get("dirs"), dict):
            if all(isinstance(k, list) and len(k) == 2 and _same_file(f, *k) for f, k in entry["files"].items()) and all(
                _listing(d) == listing for d, listing in entry["dirs"].items()
            ):
                return entry.get("names")
        now = time.time_ns()
        names, read = infer()
        files: dict[str, list] = {}
        for f in sorted({path, *read}):
            sig, source = signature(f), _read(f)
            if sig is None or _racy(sig, now) or not isinstance(source, bytes):
                return names  # a file is missing or too fresh: not kept
            files[f] = [sig, _digest(source)]
        dirs = {d: _listing(d) for d in sorted({os.path.dirname(f) for f in files})}
        self._store("inferred_all", path, {"files": files, "dirs": dirs, "names": names})
        return names

    # -- handing entries between processes and writing ----------------------------------------
    def take_new(self) -> dict:
        """What was built here since the last call (a worker hands it to the parent)."""
        new, self._new = self._new, {}
        return new

    def merge_new(self, new: dict) -> None:
        for section, entries in new.items():
            self._new.setdefault(section, {}).update(entries)

    def flush(self) -> None:
        """Merge what this process built into the snapshot on disk, atomically."""
        if not self._new:
            return
        new, self._new = self._new, {}
        try:
            _ensure_dir(self.dir)
            with _Lock(os.path.join(self.dir, ".lock")):
                merged = self._read()  # what other processes wrote meanwhile
                for section, entries in new.items():
                    merged.setdefault(section, {}).update(entries)
                merged["summaries"] = {  # forget deleted files; changed ones are overwritten
                    key: entry for key, entry in merged["summaries"].items()
                    if isinstance(entry, list) and os.path.exists(key.partition("\0")[0])
                }
                merged.update(self._header())
                _atomic_write(self.path, json.dumps(merged, separators=(",", ":")).encode("utf-8"))
            self._data = merged
        except OSError:
            return  # read-only or full: the cache is an optimisation, never a failure


def _ensure_dir(directory: str) -> None:
    """Create the cache directory with a .gitignore of `*` and a CACHEDIR.TAG, as pytest does."""
    if os.path.isdir(directory):
        return
    os.makedirs(directory, exist_ok=True)
    for name, text in ((".gitignore", "# created by flake8-importguard\n*\n"),
                       ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                        "# created by flake8-importguard\n")):
        _atomic_write(os.path.join(directory, name), text.encode("ascii"))


def _atomic_write(path: str, payload: bytes) -> None:
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


class _Lock:
    """Best-effort exclusive lock around read-merge-write, so concurrent runs lose nothing.
    Without it (no fcntl, or held too long) the write is still atomic, only less merged."""

    def __init__(self, path: str, timeout: float = 5.0) -> None:
        self.path, self.timeout, self.fd = path, timeout, -1

    def __enter__(self) -> "_Lock":
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


_OPEN: "weakref.WeakSet[IndexCache]" = weakref.WeakSet()  # forgotten projects go with their cache
_FLUSH_REGISTERED: list[int] = []


def open_cache(cache_dir: str, root: str, enabled: bool = True) -> NoCache:
    if not enabled:
        return NoCache()
    cache = IndexCache(cache_dir or os.path.join(root, DEFAULT_DIR), root)
    _OPEN.add(cache)
    return cache


def flush_all() -> None:
    for cache in list(_OPEN):
        cache.flush()


def flush_at_exit() -> None:
    """Write every open cache when this process ends: at interpreter exit, and at the end of a
    multiprocessing worker (`flake8 -j`), which leaves through os._exit without atexit."""
    pid = os.getpid()
    if pid in _FLUSH_REGISTERED:
        return
    _FLUSH_REGISTERED.append(pid)
    atexit.register(flush_all)
    if "multiprocessing" in sys.modules:
        from multiprocessing import util

        util.Finalize(None, flush_all, exitpriority=10)


_ADOPTED: list[IndexCache] = []  # caches opened here only to take a worker's entries


def export_new() -> list[tuple[str, str, dict]]:
    """Entries built in this process since the last call, for a parent process to write."""
    return [(c.dir, c.root, new) for c in list(_OPEN) for new in [c.take_new()] if new]


def import_new(items: list[tuple[str, str, dict]]) -> None:
    """Take a worker's `export_new()`; written by the next flush_all()."""
    for directory, root, new in items:
        cache = next((c for c in list(_OPEN) if c.dir == directory and c.root == root), None)
        if cache is None:
            cache = IndexCache(directory, root)
            _ADOPTED.append(cache)
            _OPEN.add(cache)
        cache.merge_new(new)
