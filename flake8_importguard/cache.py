"""The on-disk project index cache: module summaries, the module list, inferred `__all__`s.

One JSON snapshot per project and interpreter, cut in shards by module directory,
`<cache dir>/index-<root hash>-<python>-<shard>.json`, each loaded lazily on its first lookup
and written once at the end of a run (read, merge, write a temporary file, `os.replace`, under
a lock), so readers never see half a file and racing writers never corrupt one: at worst (no
lock) one run's new entries are lost and rebuilt next time.

Every entry carries the signature of the files it was built from, (size, mtime_ns, ctime_ns),
and a digest of their content. An entry whose file has another signature is used only if the
size and content are the same (a fresh checkout, or a cache restored in CI, moves every
timestamp; reading and hashing a file costs a fraction of parsing it). A module list carries
the names of modules and packages in each directory it was listed from, an inferred
`__all__` the same for its files' directories (adding, deleting or renaming a module changes
them). Files changed
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
import time
import weakref
import zlib
from functools import lru_cache
from typing import Callable, Iterable

from flake8_importguard import __version__
from flake8_importguard.atomic import Lock, atomic_write, ensure_cache_dir
from flake8_importguard.summary import ModuleSummary

FORMAT = 3
SHARDS = 32
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


def _names_digest(entries: Iterable[str]) -> str:
    """A digest of the entries of a directory that can be modules or packages: what adding,
    deleting or renaming a module changes (not an editor's swap file, a cache, a log)."""
    names = sorted(e for e in entries if e.endswith((".py", ".pyi")) or e.isidentifier())
    return _digest("\0".join(names).encode("utf-8", "surrogateescape"))


def _listing(directory: str) -> str | None:
    try:
        return _names_digest(os.listdir(directory))
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
    """The snapshot is cut in shards by module directory, so that one file (an editor's save)
    reads only the shards of the packages it imports; "meta" holds the module list and the
    inferred `__all__`s."""

    def __init__(self, cache_dir: str, root: str) -> None:
        self.dir = os.path.abspath(cache_dir)
        self.root = root
        digest = hashlib.sha1(root.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        self.base = os.path.join(self.dir, f"index-{digest}-{_PYTHON}")
        self.path = self._file("meta")  # written by every flush: there is a snapshot when it exists
        self._data: dict[str, dict] = {}  # shard -> its snapshot as read: section -> key -> raw entry
        self._new: dict = {}  # what this process built since the last take_new/flush

    # -- reading ------------------------------------------------------------------------------
    def _file(self, shard: str) -> str:
        return f"{self.base}-{shard}.json"

    @staticmethod
    def _shard_of(section: str, key: str) -> str:
        if section != "summaries":
            return "meta"
        directory = os.path.dirname(key.partition("\0")[0])
        return "%02d" % (zlib.crc32(directory.encode("utf-8", "surrogatepass")) % SHARDS)

    def _header(self) -> dict:
        return {"format": FORMAT, "tool": __version__, "code": _code_fingerprint(), "python": _PYTHON,
                "root": self.root}

    def _read(self, shard: str) -> dict:
        """One shard on disk, or an empty one when it is missing, corrupt or foreign."""
        empty: dict = {name: {} for name in _SECTIONS}
        try:
            with open(self._file(shard), "rb") as f:
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
        """Read every shard now (a parent does, so that forked workers share them)."""
        for shard in ("meta", *("%02d" % i for i in range(SHARDS))):
            self._shard(shard)

    def _shard(self, shard: str) -> dict:
        if shard not in self._data:
            self._data[shard] = self._read(shard)
        return self._data[shard]

    def _lookup(self, section: str, key: str) -> object:
        entry = self._new.get(section, {}).get(key)
        return entry if entry is not None else self._shard(self._shard_of(section, key))[section].get(key)

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
    def all_modules(self, roots: tuple[str, ...], walk: Callable[[], tuple[list, dict]]) -> list:
        """`walk()` -> (modules, {directory: the entries the walk listed}); kept while no
        listed directory gained, lost or renamed a module or package."""
        entry = self._lookup("modules", "all")
        if isinstance(entry, dict) and entry.get("roots") == list(roots) and isinstance(entry.get("dirs"), dict):
            if all(_listing(d) == listing for d, listing in entry["dirs"].items()):
                return [tuple(item) for item in entry["modules"]]
        modules, listed = walk()
        self._store("modules", "all", {"roots": list(roots), "modules": [list(m) for m in modules],
                                       "dirs": {d: _names_digest(names) for d, names in sorted(listed.items())}})
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
        """Merge what this process built into the shards on disk, each written atomically."""
        if not self._new:
            return
        new, self._new = self._new, {}
        by_shard: dict[str, dict] = {"meta": {}}  # meta is always written: it marks a snapshot
        for section, entries in new.items():
            for key, entry in entries.items():
                by_shard.setdefault(self._shard_of(section, key), {}).setdefault(section, {})[key] = entry
        try:
            ensure_cache_dir(self.dir)
            with Lock(os.path.join(self.dir, ".lock")):
                for shard, sections in sorted(by_shard.items(), reverse=True):  # meta last
                    merged = self._read(shard)  # what other processes wrote meanwhile
                    for section, entries in sections.items():
                        merged[section].update(entries)
                    merged["summaries"] = {  # forget deleted files; changed ones are overwritten
                        key: entry for key, entry in merged["summaries"].items()
                        if isinstance(entry, list) and os.path.exists(key.partition("\0")[0])
                    }
                    merged.update(self._header())
                    atomic_write(self._file(shard), json.dumps(merged, separators=(",", ":")).encode("utf-8"))
                    self._data[shard] = merged
        except OSError:
            return  # read-only or full: the cache is an optimisation, never a failure


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
