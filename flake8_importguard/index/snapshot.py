"""The index cache's files: one JSON snapshot per project and interpreter, cut in shards by
module directory, each read lazily on its first lookup and written once at the end of a run
(read, merge, write a temporary file, `os.replace`, under a lock), so readers never see half a
file and racing writers never corrupt one: at worst (no lock) one run's new entries are lost
and rebuilt next time. A corrupt, truncated or foreign (other code, interpreter or root) shard
reads as empty; a directory that cannot be written is read, never written.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import zlib
from functools import lru_cache
from typing import Any

from flake8_importguard import __version__
from flake8_importguard.base.files import Lock, ensure_cache_dir, write_atomic

FORMAT = 6
SHARDS = 32
PYTHON = f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}"
SECTIONS = ("summaries", "members", "modules", "inferred_all", "tests", "listings", "scan", "suite", "answers")
OWN_SHARD = {"tests": "tests", "listings": "tests", "scan": "scan", "suite": "suite", "answers": "answers",
             "modules": "census"}  # sections read whole, each in a shard of its own
PER_FILE = ("summaries", "members", "tests", "scan", "suite")  # keyed by a file's path (then "\0..."): dropped with it
Entries = dict[str, Any]  # section -> key -> raw entry, or key -> raw entry


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
        digest = hashlib.sha1(root.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        self.base = os.path.join(self.dir, f"index-{digest}-{PYTHON}")
        self.path = self._file("meta")  # written by every flush: there is a snapshot when it exists
        self._data: dict[str, Entries] = {}  # shard -> its snapshot as read: section -> key -> raw entry
        self._new: Entries = {}  # what this process built since the last take_new/flush

    # -- reading ------------------------------------------------------------------------------
    def _file(self, shard: str) -> str:
        return f"{self.base}-{shard}.json"

    @staticmethod
    def shard_of(section: str, key: str) -> str:
        if section not in ("summaries", "members"):  # by the file's directory: an editor reads a few
            return OWN_SHARD.get(section, "meta")
        directory = os.path.dirname(key.partition("\0")[0])
        return "%02d" % (zlib.crc32(directory.encode("utf-8", "surrogatepass")) % SHARDS)

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "tool": __version__, "code": _code_fingerprint(), "python": PYTHON,
                "root": self.root}

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

    def lookup(self, section: str, key: str) -> object:
        entry = self._new.get(section, {}).get(key)
        return entry if entry is not None else self._shard(self.shard_of(section, key))[section].get(key)

    def lookup_read(self, section: str, key: str) -> object:
        return self._shard(self.shard_of(section, key))[section].get(key)

    def entries(self, section: str) -> dict[str, Any]:
        """Every entry of a section that has a shard of its own, new ones included."""
        return {**self._shard(self.shard_of(section, ""))[section], **self._new.get(section, {})}

    def store(self, section: str, key: str, entry: object) -> None:
        self._new.setdefault(section, {})[key] = entry

    # -- handing entries between processes and writing ----------------------------------------
    def take_new(self) -> Entries:
        """What was built here since the last call."""
        new, self._new = self._new, {}
        return new

    def merge_new(self, new: Entries) -> None:
        for section, entries in new.items():
            self._new.setdefault(section, {}).update(entries)

    def flush(self) -> None:
        """Merge what this process built into the shards on disk, each written atomically."""
        if not self._new:
            return
        new, self._new = self._new, {}
        by_shard: dict[str, Entries] = {"meta": {}}  # meta is always written: it marks a snapshot
        for section, entries in new.items():
            for key, entry in entries.items():
                by_shard.setdefault(self.shard_of(section, key), {}).setdefault(section, {})[key] = entry
        try:
            ensure_cache_dir(self.dir)
            with Lock(os.path.join(self.dir, ".lock")):
                for shard, sections in sorted(by_shard.items(), reverse=True):  # meta last
                    merged = self.read(shard)  # what other processes wrote meanwhile
                    for section, entries in sections.items():
                        merged[section].update(entries)
                    for name in PER_FILE:  # forget deleted files; changed ones are overwritten
                        merged[name] = {key: entry for key, entry in merged[name].items()
                                        if entry is not None and os.path.exists(key.partition("\0")[0])}
                    _drop_unused_listings(merged)
                    merged.update(self._header())
                    payload = json.dumps(merged, separators=(",", ":")).encode("utf-8")
                    write_atomic(self._file(shard), payload, mode=0o644, durable=False)
                    self._data[shard] = merged
        except OSError:
            return  # read-only or full: the cache is an optimisation, never a failure


def _drop_unused_listings(shard: Entries) -> None:
    """Keep the directory listings that some test file's entry still refers to."""
    used = {f"{d}\0{digest}" for entry in shard["tests"].values() if isinstance(entry, dict) and "dirs" in entry
            for d, digest in rows(entry, "dirs")}
    shard["listings"] = {key: names for key, names in shard["listings"].items() if key in used}


def packed(rows: list[list[Any]]) -> str:
    """An entry's files or directories as one JSON string: the index is read (json.loads) on every
    run, and one string decodes several times faster than the lists, which only a run where the
    project's generation changed needs (rows)."""
    return json.dumps(rows, separators=(",", ":"))


def rows(entry: dict[str, Any], key: str) -> list[list[Any]]:
    value = entry[key]
    found = json.loads(value) if isinstance(value, str) else value
    if not isinstance(found, list):
        raise TypeError(f"{key}: a list")
    return found
