"""The on-disk project index cache: module summaries, the module list, inferred `__all__`s.

Entries live in a snapshot on disk (snapshot.py). Every entry carries the signature of the
files it was built from, (size, mtime_ns, ctime_ns), and a digest of their content. An entry
whose file has another signature is used only if the size and content are the same (a fresh
checkout, or a cache restored in CI, moves every timestamp; reading and hashing a file costs a
fraction of parsing it). A module list carries the names of modules and packages in each
directory it was listed from, an inferred `__all__` the same for its files' directories
(adding, deleting or renaming a module changes them). Files changed within the last RACY_NS of
being read are not cached at all: a second edit in the same timestamp tick could go unseen.

Files below the project root are keyed by their path relative to it (key_of, path_of), so that a
copy of the project elsewhere (a second clone, a worktree, a CI runner's checkout, a cache restored
from another machine) reads the same entries: their files, with new timestamps there, are then
trusted by their content digest and kept again with their new signatures.
"""
from __future__ import annotations

import os
import time
from typing import Any, Callable, Iterable

from flake8_importguard.base.files import blake2b
from flake8_importguard.base.record import Recorder
from flake8_importguard.index.snapshot import Decoded, New, Section, Snapshot
from flake8_importguard.index.summary import ModuleSummary

RACY_NS = 2_000_000_000
DEFAULT_DIR = ".importguard_cache"

Signature = list[int]  # [size, mtime_ns, ctime_ns]
Infer = Callable[[], tuple[list[str] | None, Iterable[str]]]
MODULE_SUFFIXES = (".py", ".pyi", ".pyc", ".so", ".pyd")


def signature(path: str) -> Signature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def racy(sig: Signature, now: int) -> bool:
    return bool(now - max(sig[1], sig[2]) < RACY_NS)


def _read(path: str) -> bytes | ModuleSummary:
    """A module's bytes, or the summary of a module that cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        return ModuleSummary(error=f"cannot read: {exc.strerror or exc}")


def content_digest(source: bytes) -> str:
    return blake2b(source, digest_size=16).hexdigest()


def _same_content(path: str, digest: object) -> bool:
    source = _read(path)
    return isinstance(source, bytes) and content_digest(source) == digest


def _current(path: str, sig: Signature, digest: str) -> tuple[Signature, str] | None:
    """(signature, digest) of `path` now, if it is unchanged: the same signature, or the same
    size and content (timestamps moved); None when it changed."""
    current = signature(path)
    if current is not None and (current == sig or current[0] == sig[0] and _same_content(path, digest)):
        return current, digest
    return None


def module_entries(entries: Iterable[str]) -> list[str]:
    """The entries of a directory that can be modules or packages, sorted."""
    return sorted(e for e in entries if e.endswith(MODULE_SUFFIXES) or e.isidentifier())


def names_digest(entries: Iterable[str]) -> str:
    """A digest of the entries of a directory that can be modules or packages: what adding,
    deleting or renaming a module changes (not an editor's swap file, a cache, a log)."""
    return content_digest("\0".join(module_entries(entries)).encode("utf-8", "surrogateescape"))


def _listing(directory: str) -> str | None:
    try:
        return names_digest(os.listdir(directory))
    except OSError:
        return None


class NoCache:
    """The cache turned off: everything is built, nothing is kept between runs."""

    path = ""
    root = ""

    def key_of(self, path: str) -> str:
        """A file's path as the index keys it (IndexCache: relative to the project root)."""
        return path

    def path_of(self, key: str) -> str:
        """The file a key of the index names (key_of's inverse)."""
        return key

    def __init__(self) -> None:
        self.versions: dict[str, tuple[Signature, str]] = {}  # file -> the (signature, digest) read
        self.recorder: Recorder | None = None  # told the files an inferred __all__ rests on

    def summary(self, path: str, package: str, summarize: Callable[[bytes], ModuleSummary]) -> ModuleSummary:
        source = _read(path)
        return summarize(source) if isinstance(source, bytes) else source

    def file_entry(self, section: Section, path: str, package: str, build: Callable[[bytes], Any],
                   sig: Signature | None = None) -> Any:
        source = _read(path)
        return build(source) if isinstance(source, bytes) else source

    def lookup(self, section: Section, key: str) -> Any:
        return None

    def lookup_read(self, section: Section, key: str) -> Any:
        return None

    def entries(self, section: Section) -> dict[str, Any]:
        return {}

    def entries_read(self, section: Section) -> dict[str, Any]:
        return {}

    def replace(self, section: Section, entries: dict[str, Any]) -> None:
        pass

    @staticmethod
    def keepable(sigs: Iterable[Signature | None]) -> bool:
        """May what was built from files with these signatures be kept (none missing or too fresh)?"""
        now = time.time_ns()
        return all(sig is not None and not racy(sig, now) for sig in sigs)

    def keep(self, section: Section, key: str, entry: object, sigs: Iterable[Signature | None] = ()) -> None:
        pass

    def has_summary(self, path: str, package: str) -> bool:
        return False

    def has_entry(self, section: Section, path: str, package: str, sig: Signature | None) -> bool:
        return False

    def inferred_all(self, path: str, infer: Infer) -> list[str] | None:
        return infer()[0]

    def load(self) -> None:
        pass

    def exists(self) -> bool:
        """Is there an index on disk (a run wrote one)?"""
        return False

    def census_token(self, now: bool = False) -> tuple[Any, ...] | None:
        """The census's shards as read, or as they are on disk (Snapshot.census_token); None: no index."""
        return None

    def take_new(self) -> New:
        return {}

    def merge_new(self, new: New) -> None:
        pass

    def flush(self) -> None:
        pass

    def hold(self) -> Callable[[], None]:
        return lambda: None


class IndexCache(NoCache):
    def __init__(self, cache_dir: str, root: str, decoded: Decoded | None = None) -> None:
        """`decoded`: the shards the process decoded in earlier rounds (snapshot.Decoded)."""
        super().__init__()
        self.snapshot = Snapshot(cache_dir, root, decoded)
        self.dir, self.root, self.path = self.snapshot.dir, root, self.snapshot.path
        self._prefix = os.path.join(root, "")

    def key_of(self, path: str) -> str:
        """A path below the project root as the index keys it: relative to the root, so that the
        index read in another copy of the project (a second clone, a worktree, a CI runner's
        checkout, a cache restored from elsewhere) finds its entries; other paths stay absolute."""
        if path.startswith(self._prefix):
            return path[len(self._prefix):]
        return "" if path == self.root else path

    def path_of(self, key: str) -> str:
        if not key:
            return self.root
        return key if os.path.isabs(key) else self._prefix + key  # no os.path.join: a run after an edit maps many

    def load(self) -> None:
        """Read every shard now (a parent does, so that forked workers share them)."""
        self.snapshot.load()

    def exists(self) -> bool:
        """Is there an index on disk (a run wrote one)?"""
        return self.snapshot.exists()

    def census_token(self, now: bool = False) -> tuple[Any, ...] | None:
        return self.snapshot.census_token(now)

    def take_new(self) -> New:
        """What was built here since the last call (a worker hands it to the parent)."""
        return self.snapshot.take_new()

    def merge_new(self, new: New) -> None:
        self.snapshot.merge_new(new)

    def flush(self) -> None:
        self.snapshot.flush()

    def hold(self) -> Callable[[], None]:
        """What this process built, merged into the index in memory now (what it reads, and what a
        process forked next starts with); returns the writing of it to disk (snapshot.hold)."""
        return self.snapshot.hold()

    # -- what is read from one file: module summaries, a test file's imports, the text pass ------
    def _cached(self, section: Section, key: str, path: str, sig: Signature | None) -> Any:
        """The cached entry for `path` while it holds: same signature, or (after a checkout or
        a cache restored in CI gave every file new timestamps) same size and same content."""
        entry = self.snapshot.lookup(section, key)
        if sig is None or not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], list)):
            return None
        if entry[0] == sig:
            self.versions[path] = (sig, entry[2])
            return entry[1]
        if entry[0][:1] == sig[:1] and _same_content(path, entry[2]):
            self.keep(section, key, [sig, entry[1], entry[2]], [sig])  # stat it next time
            self.versions[path] = (sig, entry[2])
            return entry[1]
        return None

    def has_summary(self, path: str, package: str) -> bool:
        return self.has_entry(Section.SUMMARIES, path, package, signature(path))

    def has_entry(self, section: Section, path: str, package: str, sig: Signature | None) -> bool:
        return self._cached(section, f"{self.key_of(path)}\0{package}", path, sig) is not None

    def summary(self, path: str, package: str, summarize: Callable[[bytes], ModuleSummary]) -> ModuleSummary:
        key = f"{self.key_of(path)}\0{package}"
        sig = signature(path)  # the signature before the read: a later change shows
        cached = self._cached(Section.SUMMARIES, key, path, sig)
        if cached is not None:
            try:
                return ModuleSummary.from_json(cached)
            except (TypeError, ValueError, AttributeError):
                pass  # a snapshot from a changed ModuleSummary: rebuild
        built: list[ModuleSummary] = []

        def build(data: bytes) -> dict[str, Any]:
            built.append(summarize(data))
            return built[0].to_json()

        unread = self._build(Section.SUMMARIES, key, path, sig, build)
        return unread if isinstance(unread, ModuleSummary) else built[0]

    def file_entry(self, section: Section, path: str, package: str, build: Callable[[bytes], Any],
                   sig: Signature | None = None) -> Any:
        """`build(source)` (JSON data) for the file `path` read in `package`, kept while the
        file is unchanged (`sig`: its signature, when just taken); the summary of an unreadable
        file when it cannot be read."""
        key, sig = f"{self.key_of(path)}\0{package}", sig or signature(path)
        cached = self._cached(section, key, path, sig)
        return cached if cached is not None else self._build(section, key, path, sig, build)

    def _build(self, section: Section, key: str, path: str, sig: Signature | None,
               build: Callable[[bytes], Any]) -> Any:
        source = _read(path)
        if not isinstance(source, bytes):
            return source
        built, digest = build(source), content_digest(source)
        if sig is not None:
            self.versions[path] = (sig, digest)
        self.keep(section, key, [sig, built, digest], [sig])
        return built

    def lookup(self, section: Section, key: str) -> Any:
        return self.snapshot.lookup(section, key)

    def lookup_read(self, section: Section, key: str) -> Any:
        """The entry as this process read it from the snapshot (not one it built since)."""
        return self.snapshot.lookup_read(section, key)

    def entries(self, section: Section) -> dict[str, Any]:
        return self.snapshot.entries(section)

    def entries_read(self, section: Section) -> dict[str, Any]:
        """Every entry of a section as this process read it from the snapshot (not those it built since)."""
        return self.snapshot.entries_read(section)

    def replace(self, section: Section, entries: dict[str, Any]) -> None:
        """Keep the whole of a section stored whole (snapshot.WHOLE: the census's), as one process saw it."""
        self.snapshot.replace(section, entries)

    def keep(self, section: Section, key: str, entry: object, sigs: Iterable[Signature | None] = ()) -> None:
        """Store an entry built from files with signatures `sigs`, unless one is missing or too fresh."""
        if self.keepable(sigs):
            self.snapshot.store(section, key, entry)

    # -- __all__ that needed astroid ----------------------------------------------------------
    def inferred_all(self, path: str, infer: Infer) -> list[str] | None:
        """`infer()` -> (names or None, files it read); kept while none of those files changed
        and no file was added to or removed from their directories. The files and directories
        are reported to the recorder: the answer rests on them."""
        entry = self.snapshot.lookup(Section.INFERRED_ALL, self.key_of(path))
        if isinstance(entry, dict) and isinstance(entry.get("files"), dict) and isinstance(entry.get("dirs"), dict):
            versions = {f: _current(self.path_of(f), *k) if isinstance(k, list) and len(k) == 2 else None
                        for f, k in entry["files"].items()}
            dirs = {self.path_of(d): listing for d, listing in entry["dirs"].items()}
            if all(versions.values()) and all(_listing(d) == listing for d, listing in dirs.items()):
                self._read_all({self.path_of(f): v for f, v in versions.items() if v}, dirs)
                moved = {f: list(v) for f, v in versions.items() if v and list(v[0]) != entry["files"][f][0]}
                if moved and not any(racy(v[0], time.time_ns()) for v in versions.values() if v):
                    # the same bytes with new timestamps (a copy, a checkout): compared by signature next time
                    self.snapshot.store(Section.INFERRED_ALL, self.key_of(path),
                                        {**entry, "files": {**entry["files"], **moved}})
                names: list[str] | None = entry.get("names")
                return names
        now = time.time_ns()
        inferred, read = infer()
        files: dict[str, tuple[Signature, str]] = {}
        for f in sorted({path, *read}):
            sig, source = signature(f), _read(f)
            if sig is None or racy(sig, now) or not isinstance(source, bytes):
                if self.recorder is not None:  # the answer rests on them all the same
                    for read_file in sorted({path, *read}):
                        self.recorder.file(read_file)
                return inferred  # a file is missing or too fresh: not kept (nor, without its version, its findings)
            files[f] = (sig, content_digest(source))
        dirs = {d: _listing(d) for d in sorted({os.path.dirname(f) for f in files})}
        self._read_all(files, dirs)
        entry = {"files": {self.key_of(f): list(v) for f, v in files.items()},
                 "dirs": {self.key_of(d): listing for d, listing in dirs.items()}, "names": inferred}
        self.snapshot.store(Section.INFERRED_ALL, self.key_of(path), entry)
        return inferred

    def _read_all(self, files: dict[str, tuple[Signature, str]], dirs: dict[str, str | None]) -> None:
        self.versions.update(files)
        if self.recorder is not None:
            for f in files:
                self.recorder.file(f)
            for d in dirs:
                self.recorder.directory(d)


def open_cache(cache_dir: str, root: str, enabled: bool = True, decoded: Decoded | None = None) -> NoCache:
    if not enabled:
        return NoCache()
    return IndexCache(cache_dir or os.path.join(root, DEFAULT_DIR), root, decoded)
