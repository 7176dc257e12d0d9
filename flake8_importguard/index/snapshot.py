"""The index cache's files: one JSON snapshot per project and interpreter, cut in shards by
module directory, each read lazily on its first lookup and written once at the end of a run
(read, merge, write a temporary file, `os.replace`, under a lock), so readers never see half a
file and racing writers never corrupt one: at worst (no lock) one run's new entries are lost
and rebuilt next time. A corrupt, truncated or foreign (other code, interpreter or root) shard
reads as empty; a directory that cannot be written is read, never written.

A snapshot is named by where the project root is from the cache directory, and its files are keyed
relative to the root (cache.py): a project copied elsewhere with its cache reads the same snapshot.
"""
from __future__ import annotations

import enum
import hashlib
import json
import os
import sys
import zlib
from functools import lru_cache
from typing import Any, Mapping

from flake8_importguard import __version__
from flake8_importguard.base.files import Lock, ensure_cache_dir, write_atomic

FORMAT = 6
SHARDS = 32
PYTHON = f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}"


class Section(str, enum.Enum):
    """A section of the index cache (a `str` enum: its value is its name in the JSON files)."""

    SUMMARIES = "summaries"  # a module's summary (summary.py), by "file\0package"
    MEMBERS = "members"  # a module's classes (members.py), by "file\0"
    MODULES = "modules"  # the census's module and test file lists and signatures (census.py)
    INFERRED_ALL = "inferred_all"  # an `__all__` astroid inferred (cache.py), by file
    TESTS = "tests"  # a test file's findings and what they read (run/graph.py), by "file\0environment"
    LISTINGS = "listings"  # a directory's module entries a kept check listed (run/graph.py)
    SCAN = "scan"  # a file's words (scan.py, census.py), by "file\0"
    SUITE = "suite"  # a test file's `from` imports (suite.py), by "file\0package"
    ANSWERS = "answers"  # a whole-project answer with its generation (census.py), by its question
    READERS = "readers"  # a file -> the test files whose kept entries read it (run/graph.py): reverse edges


SECTIONS = tuple(Section)
BY_DIRECTORY = frozenset({Section.SUMMARIES, Section.MEMBERS})  # sharded by their file's directory
OWN_SHARD = {Section.TESTS: "tests", Section.LISTINGS: "tests", Section.SCAN: "scan", Section.SUITE: "suite",
             Section.ANSWERS: "answers", Section.MODULES: "census",
             Section.READERS: "readers"}  # sections read whole, each in a shard of its own
UNION = frozenset({Section.READERS})  # sections of sorted lists of strings, which every write adds to: none is lost
PER_FILE = frozenset({Section.SUMMARIES, Section.MEMBERS, Section.TESTS, Section.SCAN, Section.SUITE})  # keyed by a
# file's path (then "\0..."): dropped with it
Entries = dict[str, Any]  # a shard as read: section -> key -> raw entry, and the header's fields
New = dict[Section, dict[str, Any]]  # what a process built: section -> key -> raw entry


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of the package's code, so that a development install whose version number did not
    move never reads entries that other code wrote."""
    digest = hashlib.sha1()
    here = os.path.dirname(os.path.abspath(__file__))
    for dirpath, dirnames, filenames in sorted(os.walk(here)):
        dirnames.sort()
        for name in sorted(f for f in filenames if f.endswith(".py")):
            digest.update(name.encode())
            try:
                with open(os.path.join(dirpath, name), "rb") as f:
                    digest.update(f.read())
            except OSError:
                pass
    return digest.hexdigest()[:16]


class Snapshot:
    """Summaries are sharded by their file's directory, so that one file (an editor's save) reads
    only the shards of the packages it imports; the findings of test files with what they read
    ("tests"), the text pass over every file ("scan") and the names each test file imports
    ("suite") have a shard each; "meta" holds the other sections."""

    def __init__(self, cache_dir: str, root: str) -> None:
        self.dir = os.path.abspath(cache_dir)
        self.root = root
        self.where = os.path.relpath(root, self.dir)  # ".." for the default: the same in every copy
        digest = hashlib.sha1(self.where.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        self.base = os.path.join(self.dir, f"index-{digest}-{PYTHON}")
        self.path = self._file("meta")  # written by every flush: there is a snapshot when it exists
        self._data: dict[str, Entries] = {}  # shard -> its snapshot as read: section -> key -> raw entry
        self._new: New = {}  # what this process built since the last take_new/flush

    # -- reading ------------------------------------------------------------------------------
    def _file(self, shard: str) -> str:
        return f"{self.base}-{shard}.json"

    @staticmethod
    def shard_of(section: Section, key: str) -> str:
        if section not in BY_DIRECTORY:  # by the file's directory: an editor reads a few
            return OWN_SHARD.get(section, "meta")
        directory = os.path.dirname(key.partition("\0")[0])
        return "%02d" % (zlib.crc32(directory.encode("utf-8", "surrogatepass")) % SHARDS)

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "tool": __version__, "code": _code_fingerprint(), "python": PYTHON,
                "root": self.where}

    def read(self, shard: str) -> Entries:
        """One shard on disk, or an empty one when it is missing, corrupt or foreign."""
        empty: Entries = {name: {} for name in SECTIONS}
        try:
            with open(self._file(shard), "rb") as f:
                data = json.loads(f.read())
        except (OSError, ValueError, RecursionError, MemoryError):
            return empty
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in self._header().items()):
            return empty
        for name in SECTIONS:
            if not isinstance(data.get(name), dict):
                data[name] = {}
        return data

    def load(self) -> None:
        """Read every shard now (a parent does, so that forked workers share them)."""
        for shard in ("meta", *OWN_SHARD.values(), *("%02d" % i for i in range(SHARDS))):
            self._shard(shard)

    def _shard(self, shard: str) -> Entries:
        if shard not in self._data:
            self._data[shard] = self.read(shard)
        return self._data[shard]

    def lookup(self, section: Section, key: str) -> object:
        entry = self._new.get(section, {}).get(key)
        return _plain(entry) if entry is not None else self._shard(self.shard_of(section, key))[section].get(key)

    def lookup_read(self, section: Section, key: str) -> object:
        return self._shard(self.shard_of(section, key))[section].get(key)

    def entries(self, section: Section) -> dict[str, Any]:
        """Every entry of a section that has a shard of its own, new ones included."""
        return {**self._shard(self.shard_of(section, ""))[section], **_plain_all(self._new.get(section, {}))}

    def store(self, section: Section, key: str, entry: object) -> None:
        """Keep an entry built here; in a UNION section, add its items to the entry built so far
        (a set until it is read or written: a file read by every test file gains one reader per
        test file, and sorting the list each time made a run quadratic in their number)."""
        new = self._new.setdefault(section, {})
        if section in UNION and isinstance(entry, list):
            grown = new.get(key)
            if not isinstance(grown, set):
                new[key] = grown = set(grown) if isinstance(grown, list) else set()
            grown.update(entry)
        else:
            new[key] = entry

    # -- handing entries between processes and writing ----------------------------------------
    def take_new(self) -> New:
        """What was built here since the last call."""
        new, self._new = self._new, {}
        return {section: _plain_all(entries) for section, entries in new.items()}

    def merge_new(self, new: New) -> None:
        for section, entries in new.items():
            for key, entry in entries.items():
                self.store(section, key, entry)

    def flush(self) -> None:
        """Merge what this process built into the shards on disk, each written atomically."""
        if not self._new:
            return
        new, self._new = self._new, {}
        by_shard: dict[str, New] = {"meta": {}}  # meta is always written: it marks a snapshot
        for section, entries in new.items():
            for key, entry in entries.items():
                by_shard.setdefault(self.shard_of(section, key), {}).setdefault(section, {})[key] = _plain(entry)
        try:
            ensure_cache_dir(self.dir)
            with Lock(os.path.join(self.dir, ".lock")):
                # the reverse edges before the entries they lead to (an edge to no entry costs a look, an
                # entry without its edges would be trusted wrongly), meta last
                for shard in sorted(by_shard, key=lambda name: (name != "readers", name == "meta", name)):
                    sections = by_shard[shard]
                    merged = self.read(shard)  # what other processes wrote meanwhile
                    for section, entries in sections.items():
                        if section in UNION:
                            entries = {key: _union(merged[section].get(key), entry) for key, entry in entries.items()}
                        merged[section].update(entries)
                    for name in PER_FILE:  # forget deleted files; changed ones are overwritten
                        merged[name] = {key: entry for key, entry in merged[name].items()
                                        if entry is not None
                                        and os.path.exists(os.path.join(self.root, key.partition("\0")[0]))}
                    _drop_unused_listings(merged)
                    merged.update(self._header())
                    payload = json.dumps(merged, separators=(",", ":")).encode("utf-8")
                    write_atomic(self._file(shard), payload, mode=0o644, durable=False)
                    self._data[shard] = merged
        except OSError:
            return  # read-only or full: the cache is an optimisation, never a failure


def _plain(entry: object) -> object:
    """An entry as JSON holds it: a UNION entry grown here as a set, sorted."""
    return sorted(entry) if isinstance(entry, set) else entry


def _plain_all(entries: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(entry) for key, entry in entries.items()}


def _union(old: object, new: object) -> object:
    """Two entries of a UNION section as one."""
    if not isinstance(old, list) or not isinstance(new, list):
        return new
    return sorted({*old, *new})


def _drop_unused_listings(shard: Entries) -> None:
    """Keep the directory listings that some test file's entry still refers to."""
    used = {f"{d}\0{digest}" for entry in shard[Section.TESTS].values() if isinstance(entry, dict) and "dirs" in entry
            for d, digest in rows(entry, "dirs")}
    shard[Section.LISTINGS] = {key: names for key, names in shard[Section.LISTINGS].items() if key in used}


def packed(rows: list[list[Any]]) -> str:
    """An entry's files or directories as one JSON string: the index is read (json.loads) on every
    run, and one string decodes several times faster than the lists, which only a run where the
    project's generation changed needs (rows)."""
    return json.dumps(rows, separators=(",", ":"))


def rows(entry: Mapping[str, object], key: str) -> list[list[Any]]:
    value = entry[key]
    found = json.loads(value) if isinstance(value, str) else value
    if not isinstance(found, list):
        raise TypeError(f"{key}: a list")
    return found
