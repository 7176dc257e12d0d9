"""The index cache's files: one JSON snapshot per project and interpreter, cut in shards by
module directory, each read lazily on its first lookup and written once at the end of a run
(read, merge, write a temporary file, `os.replace`, under a lock; a cold parallel run also
writes what it built before forking its checking workers, merged in memory then, `hold`, while
they check), so readers never see half a file and racing writers never corrupt one: at worst
(no lock) one run's new entries are lost and rebuilt next time. A corrupt, truncated or foreign
(other code, interpreter or root) shard reads as empty; a directory that cannot be written is
read, never written.

A shard is written only when what the run built changes it (an entry stored equal to the one read,
reverse edges already there, change nothing), and merged with the file as this process read it
unless another process replaced that file since (its inode, size and times say): an edit rewrites
the shards holding what it reached, not the index. A run that writes many shards that have no file
of their own yet (the first run) writes them into one file, the pack (_Pack); a shard's own file,
written later, is read instead of its copy there.

A snapshot is named by where the project root is from the cache directory, and its files are keyed
relative to the root (cache.py): a project copied elsewhere with its cache reads the same snapshot.
"""
from __future__ import annotations

import enum
import itertools
import json
import os
import sys
import zlib
from functools import lru_cache
from typing import Any, Callable, Iterator, Mapping

from flake8_importguard import __version__
from flake8_importguard.base.files import Lock, ensure_cache_dir, sha1, write_atomic

FORMAT = 11
SHARDS = 256
MODULE_SHARDS = 1024  # of the module summaries and class members: an editor's save decodes those of the
# directories its file's imports, conftests and packages reach (at 256, 21 shards and 0.89 MB of JSON for the
# 57 summaries a clean test file of the generated backend reads; 0.35 MB at 1024)
CENSUS_SHARDS = 64  # fewer for the census: a copy of the project rewrites every one of them (their files'
# signatures), and each file written costs more than its bytes
TESTS_SHARD = "tests-"  # the prefix of the shards of test files' entries, by their directory
READERS_SHARD = "readers-"  # of the reverse edges' shards, by the directory of the file they lead from
CENSUS_SHARD = "census-"  # of the census's shards: each directory listed, each file's signature, by directory
ANSWERS_SHARD = "answers-"  # of the whole-project answers' shards, by a hash of the question: an editor's save
# decodes those of the few questions its file asks, not every answer the project's runs kept (2,169 on the
# generated backend, 0.3 MB; ten times that at ten times its size)
ANSWER_SHARDS = 64
PYTHON = f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}"
PACK_MIN = 64  # shards written at once without a file of their own that go into the pack (_Pack) instead
PACK_SHARE = 4  # ... when they are at least a quarter of the shards it holds: rewriting it costs what it holds


class Section(str, enum.Enum):
    """A section of the index cache (a `str` enum: its value is its name in the JSON files)."""

    SUMMARIES = "summaries"  # a module's summary (summary.py), by "file\0package"
    MEMBERS = "members"  # a module's classes (members.py), by "file\0"
    MODULES = "modules"  # the census's small records: what its lists and its generation are (census.py)
    LISTED = "listed"  # a directory the census listed, what it held and the files it found there, by directory
    FILES = "files"  # a module or test file's signature and digest at the census's generation, by file
    INFERRED_ALL = "inferred_all"  # an `__all__` astroid inferred (cache.py), by file
    TESTS = "tests"  # a test file's findings and what they read (run/graph.py), by "file\0environment"
    LISTINGS = "listings"  # a directory's module entries a kept check listed (run/graph.py)
    SCAN = "scan"  # a file's words (scan.py, census.py), by "file\0"
    SUITE = "suite"  # a test file's `from` imports (suite.py), by "file\0package"
    ANSWERS = "answers"  # a whole-project answer with its generation (census.py), by its question
    READERS = "readers"  # a file -> the test files whose kept entries read it (run/graph.py): reverse edges


SECTIONS = tuple(Section)
BY_DIRECTORY = {Section.SUMMARIES: "", Section.MEMBERS: "", Section.TESTS: TESTS_SHARD, Section.SCAN: "scan-",
                Section.SUITE: "suite-", Section.READERS: READERS_SHARD, Section.LISTED: CENSUS_SHARD,
                Section.FILES: CENSUS_SHARD}  # sharded by their file's directory, in shards named by this prefix
# and a number: an edit rewrites the few that hold what it reached
KEYED_BY_DIRECTORY = frozenset({Section.LISTED})  # whose key is the directory itself, not a file in it
WHOLE = frozenset({Section.LISTED, Section.FILES})  # stored whole by one process (replace): a flush makes each
# of their shards hold what it stored, so that the census's records and its shards always agree
WITH_TESTS = frozenset({Section.LISTINGS})  # kept in each tests shard whose entries refer to them, and only there
BY_KEY = {Section.ANSWERS: ANSWERS_SHARD}  # sharded by a hash of the whole key, in shards named by this prefix
OWN_SHARD = {Section.MODULES: "census"}  # sections in a shard of their own
OBSOLETE = ("tests", "scan", "suite", "readers", "answers")  # shards of an older FORMAT, sharded since
UNION = frozenset({Section.READERS})  # sections of sorted lists of strings, which every write adds to: none is lost
PER_FILE = frozenset({Section.SUMMARIES, Section.MEMBERS, Section.TESTS, Section.SCAN, Section.SUITE})  # keyed by a
# file's path (then "\0..."): dropped with it
Entries = dict[str, Any]  # a shard as read: section -> key -> raw entry, and the header's fields
New = dict[Section, dict[str, Any]]  # what a process built: section -> key -> raw entry
Stamp = tuple[int, int, int, int, int] | None  # a shard's file (device, inode, size, mtime, ctime), None: missing


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of the package's code (all of it: the findings kept are the checks' as much as the
    index's), so that a development install whose version number did not move never reads
    entries that other code wrote."""
    digest = sha1()
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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


def _count(prefix: str) -> int:
    """How many shards a section sharded by directory is cut in (by the prefix of their names)."""
    if prefix == CENSUS_SHARD:
        return CENSUS_SHARDS
    if prefix == ANSWERS_SHARD:
        return ANSWER_SHARDS
    return MODULE_SHARDS if prefix == BY_DIRECTORY[Section.SUMMARIES] else SHARDS


@lru_cache(maxsize=1 << 16)
def _by_directory(prefix: str, directory: str) -> str:
    """The shard of a section sharded by directory (by the prefix of its shards' names) that holds
    the entries of `directory` (a warm run that reads every file's words looks up 65,000 at 10x)."""
    return "%s%02d" % (prefix, zlib.crc32(directory.encode("utf-8", "surrogatepass")) % _count(prefix))


def _directory(path: str) -> str:
    """os.path.dirname of a key of the index (a normalized path: no doubled or trailing separator)."""
    if os.sep != "/":
        return os.path.dirname(path)
    head = path.rpartition("/")[0]
    return "/" if not head and path.startswith("/") else head


def _shards(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{i:02d}" for i in range(_count(prefix)))


def _stamp(path: str) -> Stamp:
    try:
        return _stamp_of(os.stat(path))
    except OSError:
        return None


def _stamp_of(st: os.stat_result) -> Stamp:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


class _Replaced(OSError):
    """The pack was replaced since its index was read."""


class _Pack:
    """The pack as this process read its index: shards written together, in one file. A run that
    writes many shards that have no file of their own yet (a cold run: 1,510 of them at size 1.0)
    writes them there instead: creating a file costs more than its bytes (0.5 ms each, and more on
    a file system that has just deleted many: 0.8 s of a 5.4 s cold run on this project's Linux
    VM; a network or Windows file system is worse). A shard's own file, once written, is read
    instead of its copy in the pack. The file: the shards' JSON texts, then its index (a JSON
    object: `{"format": FORMAT, "shards": {shard: [offset, length]}}`), then the offset of the index
    (`_TAIL` bytes: written as the shards are, one at a time). Replaced whole (write_atomic) under
    the index's lock, never written in place; read a shard at a time."""

    def __init__(self, path: str) -> None:
        """Read the index of the pack at `path` (FileNotFoundError when there is none)."""
        self.path = path
        self.shards: dict[str, tuple[int, int]] = {}
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            self.stamp = _stamp_of(st)
            size = st.st_size
            try:
                f.seek(size - _TAIL)
                at = int(f.read(_TAIL))
                f.seek(at)
                found = json.loads(f.read(size - _TAIL - at))
                shards = found["shards"] if found.get("format") == FORMAT else {}
                self.shards = {shard: (int(at), int(length)) for shard, (at, length) in shards.items()}
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError, OSError):
                pass  # corrupt, truncated or foreign: holds nothing

    def text(self, shard: str) -> bytes | None:
        """The JSON text of a shard, None when the pack holds none; _Replaced when the file is no
        longer the one whose index was read."""
        return next((text for _, text in self.texts([shard] if shard in self.shards else [])), None)

    def texts(self, shards: list[str]) -> Iterator[tuple[str, bytes]]:
        """The shards it holds with their JSON texts, in turn (_Replaced as text())."""
        try:
            f = open(self.path, "rb")
        except FileNotFoundError:
            raise _Replaced from None
        with f:
            if _stamp_of(os.fstat(f.fileno())) != self.stamp:
                raise _Replaced
            for shard in shards:
                at, length = self.shards[shard]
                f.seek(at)
                yield shard, f.read(length)

    @staticmethod
    def written(shards: Iterator[tuple[str, bytes]]) -> Iterator[bytes]:
        """The parts of a pack that holds `shards` (with their texts), in turn."""
        index: dict[str, list[int]] = {}
        at = 0
        for shard, text in shards:
            index[shard], at = [at, len(text)], at + len(text)
            yield text
        yield json.dumps({"format": FORMAT, "shards": index}, separators=(",", ":")).encode("utf-8")
        yield b"%*d" % (_TAIL, at)


_TAIL = 20  # the bytes of a pack's last field: where its index starts


class Decoded:
    """Shards decoded in a process that reads the index again and again (the language server's
    rounds, run/session.py), by file: one is decoded again only when its file is not the one decoded
    (its stamp: a shard is replaced whole, never written in place). Nothing changes a shard as read
    in place (a merge copies the sections it changes), so the entries are shared between rounds.
    Kept while a round reads them: a shard no round read in the last two is dropped."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[Stamp, Entries]] = {}
        self._used: set[str] = set()  # the files read or written in this round

    def get(self, path: str, stamp: Stamp) -> Entries | None:
        found = self._files.get(path)
        if found is None or stamp is None or found[0] != stamp:
            return None
        self._used.add(path)
        return found[1]

    def put(self, path: str, stamp: Stamp, data: Entries) -> None:
        if stamp is not None:
            self._files[path] = (stamp, data)
            self._used.add(path)

    def next_round(self) -> None:
        """A new round: what neither it nor the last one reads goes."""
        self._files = {path: kept for path, kept in self._files.items() if path in self._used}
        self._used = set()


class Snapshot:
    """Summaries are sharded by their file's directory, so that one file (an editor's save) reads
    only the shards of the packages it imports; so are the findings of test files with what they
    read ("tests-NN", each with the directory listings its entries refer to), the text pass over
    every file ("scan-NN"), the names each test file imports ("suite-NN") and the reverse edges
    ("readers-NN"), and the census's directories and files' signatures ("census-NN"), so that an
    edit rewrites only the shards of what it reached; the whole-project answers are sharded by a
    hash of their question ("answers-NN": a save decodes those of the questions it asks); the
    census's small records have a shard; "meta" holds the other sections, and marks a snapshot."""

    def __init__(self, cache_dir: str, root: str, decoded: Decoded | None = None) -> None:
        """`decoded`: the shards a process decoded in its earlier rounds (Decoded)."""
        self.decoded = decoded
        self.dir = os.path.abspath(cache_dir)
        self.root = root
        self.where = os.path.relpath(root, self.dir)  # ".." for the default: the same in every copy
        digest = sha1(self.where.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        self.base = os.path.join(self.dir, f"index-{digest}-{PYTHON}")
        self.path = self._file("meta")  # written by a flush unless there (or in the pack): see exists()
        self.pack = f"{self.base}.pack"  # _Pack
        self._pack: _Pack | None = None  # its index as read here
        self._data: dict[str, Entries] = {}  # shard -> its snapshot as read: section -> key -> raw entry
        self._stamps: dict[str, tuple[Stamp, bool]] = {}  # shard -> its file as read (_current), and whether ours
        self._new: New = {}  # what this process built since the last take_new/flush

    def exists(self) -> bool:
        """Is there a snapshot (its meta shard, in a file of its own or in the pack)?"""
        return os.path.exists(self.path) or os.path.exists(self.pack)

    # -- reading ------------------------------------------------------------------------------
    def _file(self, shard: str) -> str:
        return f"{self.base}-{shard}.json"

    @staticmethod
    def shard_of(section: Section, key: str) -> str:
        """The shard that holds an entry (a section kept WITH_TESTS is in several: see shards_of)."""
        if section in BY_KEY:
            return "%s%02d" % (BY_KEY[section], zlib.crc32(key.encode("utf-8", "surrogatepass")) % ANSWER_SHARDS)
        if section not in BY_DIRECTORY:  # by the file's directory: an editor reads a few
            return OWN_SHARD.get(section, "meta")
        path, prefix = key.partition("\0")[0], BY_DIRECTORY[section]
        return _by_directory(prefix, path if section in KEYED_BY_DIRECTORY else _directory(path))

    @staticmethod
    def shards_of(section: Section) -> tuple[str, ...]:
        """Every shard that may hold entries of a section."""
        if section in WITH_TESTS:
            return _shards(TESTS_SHARD)
        if section in BY_KEY:
            return _shards(BY_KEY[section])
        return _shards(BY_DIRECTORY[section]) if section in BY_DIRECTORY else (OWN_SHARD.get(section, "meta"),)

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "tool": __version__, "code": _code_fingerprint(), "python": PYTHON,
                "root": self.where}

    def read(self, shard: str) -> Entries:
        """One shard on disk, or an empty one when it is missing, corrupt or foreign."""
        return self._read(shard)[0]

    def _read(self, shard: str) -> tuple[Entries, Stamp, bool]:
        """A shard on disk, its file's stamp as read, and whether it is a snapshot of ours."""
        empty: Entries = {name: {} for name in SECTIONS}
        path = self._file(shard)
        if self.decoded is not None:
            was = self._current(shard)
            found = self.decoded.get(path, was)
            if found is not None:
                return found, was, True
        stamp: Stamp
        try:
            with open(path, "rb") as f:
                stamp = _stamp_of(os.fstat(f.fileno()))  # the file read: replaced whole, never written in place
                text = f.read()
        except FileNotFoundError:
            found_text, stamp = self._packed(shard)
            if found_text is None:
                return empty, stamp, False
            text = found_text
        except OSError:
            return empty, _stamp(path), False
        try:
            data = json.loads(text)
        except (ValueError, RecursionError, MemoryError):
            return empty, stamp, False
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in self._header().items()):
            return empty, stamp, False
        for name in SECTIONS:
            if not isinstance(data.get(name), dict):
                data[name] = {}
        if self.decoded is not None:
            self.decoded.put(path, stamp, data)
        return data, stamp, True

    def _packed(self, shard: str) -> tuple[bytes | None, Stamp]:
        """A shard that has no file of its own: its text in the pack as it is now (None when the
        pack does not hold it), and the pack's stamp (None: there is no pack)."""
        for _ in range(3):
            try:
                pack = self._pack or self._pack_now()
            except OSError:
                return None, _stamp(self.pack)
            if pack is None:
                return None, None
            try:
                return pack.text(shard), pack.stamp
            except _Replaced:
                self._pack = None
            except OSError:
                return None, pack.stamp
        return None, _stamp(self.pack)

    def _current(self, shard: str) -> Stamp:
        """The stamp of a shard on disk now, as _read gives it: its own file's, else the pack's."""
        return _stamp(self._file(shard)) or _stamp(self.pack)

    def load(self) -> None:
        """Read every shard now (a parent does, so that forked workers share them)."""
        sharded = (name for prefix in sorted({*BY_DIRECTORY.values(), *BY_KEY.values()}) for name in _shards(prefix))
        for shard in ("meta", *OWN_SHARD.values(), *sharded):
            self._shard(shard)

    def _shard(self, shard: str) -> Entries:
        if shard not in self._data:
            data, stamp, ours = self._read(shard)
            self._data[shard], self._stamps[shard] = data, (stamp, ours)
        return self._data[shard]

    def census_token(self, now: bool = False) -> tuple[object, ...]:
        """The census's shards (its records' and its directories' and files'), as this process
        read them, or (`now`) as they are on disk: another process that took a new generation
        rewrote them (watch.py)."""
        shards = (OWN_SHARD[Section.MODULES], *_shards(CENSUS_SHARD))
        if now:
            return tuple(self._current(shard) for shard in shards)
        return tuple(self._stamps[shard][0] if shard in self._stamps else -1 for shard in shards)

    def shards_read(self) -> list[str]:
        """The shards this process has read (decoded): an editor's save reads those of what its file reaches."""
        return sorted(self._data)

    def lookup(self, section: Section, key: str) -> object:
        """An entry, the one built here if any (in a UNION section, with the one read)."""
        entry = self._new.get(section, {}).get(key)
        if entry is None:
            return None if section in WHOLE and section in self._new else self.lookup_read(section, key)
        return _union(self.lookup_read(section, key), _plain(entry)) if section in UNION else _plain(entry)

    def lookup_read(self, section: Section, key: str) -> object:
        if section in WITH_TESTS:
            return next((found for shard in self.shards_of(section)
                         for found in [self._shard(shard)[section].get(key)] if found is not None), None)
        return self._shard(self.shard_of(section, key))[section].get(key)

    def entries(self, section: Section) -> dict[str, Any]:
        """Every entry of a section (the union of its shards), new ones included (of a WHOLE
        section stored here, those alone)."""
        if section in WHOLE and section in self._new:
            return dict(self._new[section])
        found = self.entries_read(section)
        new = _plain_all(self._new.get(section, {}))
        if section in UNION:
            new = {key: _union(found.get(key), entry) for key, entry in new.items()}
        return {**found, **new}

    def entries_read(self, section: Section) -> dict[str, Any]:
        """Every entry of a section as this process read it (not those it built since)."""
        found: dict[str, Any] = {}
        for shard in self.shards_of(section):
            found.update(self._shard(shard)[section])
        return found

    def replace(self, section: Section, entries: Mapping[str, Any]) -> None:
        """Store the whole of a WHOLE section: the flush makes its shards hold these entries, and no other."""
        self._new[section] = dict(entries)

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
            if section in WHOLE:
                self.replace(section, entries)
                continue
            for key, entry in entries.items():
                self.store(section, key, entry)

    def flush(self) -> None:
        """Merge what this process built into the shards on disk, each written atomically, and
        only when it changes them."""
        self.hold()()

    def hold(self) -> Callable[[], None]:
        """Merge what this process built into the shards as read here, in memory only: what this
        process looks up, and what a process forked now starts with, is then what a flush would
        leave. Returns the writing of those shards (any time after, in any thread: while forked
        workers check), under the lock: each shard as merged here while its file is the one read
        here, else merged again with the file another process wrote meanwhile."""
        if not self._new:
            return _nothing
        new, self._new = self._new, {}
        listings = _plain_all(new.pop(Section.LISTINGS, {}))  # written with the tests shards that refer to them
        by_shard: dict[str, New] = {"meta": {}}  # meta marks a snapshot: written when it is not there
        for section, entries in new.items():
            for key, entry in entries.items():
                by_shard.setdefault(self.shard_of(section, key), {}).setdefault(section, {})[key] = _plain(entry)
        for section in WHOLE & new.keys():  # every shard of a section stored whole holds what was stored, or nothing
            for shard in self.shards_of(section):
                by_shard.setdefault(shard, {}).setdefault(section, {})
        for shard in self._data:  # the test files deleted since they were read here are forgotten
            if shard.startswith(TESTS_SHARD):
                by_shard.setdefault(shard, {})
        held: dict[str, tuple[Stamp, bool, bool]] = {}  # shard -> its file as read, ours, changed by what was built
        for shard, built in by_shard.items():
            base = self._shard(shard)
            stamp, ours = self._stamps[shard]
            merged = self._merged(shard, base, ours, built, listings)
            if merged is not None:
                self._data[shard] = merged
            held[shard] = (stamp, ours, merged is not None)

        def write() -> None:
            try:
                ensure_cache_dir(self.dir)
                with Lock(os.path.join(self.dir, ".lock")):
                    writes: dict[str, tuple[Entries, bool]] = {}
                    for shard, (stamp, ours, changed) in held.items():
                        if self._current(shard) != stamp:  # another process wrote it since it was read here
                            merged = self._remerged(shard, by_shard[shard], listings)
                            if merged is not None:
                                writes[shard] = merged
                        elif changed:
                            writes[shard] = self._data[shard], ours
                    self._put_all(writes)
            except OSError:
                return  # read-only or full: the cache is an optimisation, never a failure
        return write

    def _remerged(self, shard: str, new: New, listings: dict[str, Any]) -> tuple[Entries, bool] | None:
        """`new` merged into a shard as it is on disk (another process replaced it since it was read
        here), with whether that is a snapshot of ours; None when that changes nothing."""
        if not new and shard != "meta":
            return None  # nothing built here, and rewritten by another process since it was read here
        base, _, ours = self._read(shard)  # what other processes wrote meanwhile
        merged = self._merged(shard, base, ours, new, listings)
        return None if merged is None else (merged, ours)

    def _put_all(self, writes: dict[str, tuple[Entries, bool]]) -> None:
        """Write shards merged here: into the pack those that have no file of their own when they
        are many (PACK_MIN, and a share of what the pack holds: PACK_SHARE), each to its own file
        otherwise. The reverse edges before the entries they lead to (an edge to no entry costs a
        look, an entry without its edges would be trusted wrongly), meta last; the pack at once."""
        alone = {shard for shard in writes if os.path.exists(self._file(shard))}
        packed = [shard for shard in writes if shard not in alone]
        before = self._pack_now() if len(packed) >= PACK_MIN else None
        if len(packed) < PACK_MIN or before is not None and len(packed) * PACK_SHARE < len(before.shards):
            alone, packed = set(writes), []
        order = sorted(alone, key=lambda name: (not name.startswith(READERS_SHARD), name == "meta", name))
        edges = [shard for shard in order if shard.startswith(READERS_SHARD)]
        for shard in edges:
            self._put(shard, *writes[shard])
        if packed:
            self._put_pack({shard: writes[shard] for shard in packed}, before)
        for shard in order[len(edges):]:
            self._put(shard, *writes[shard])

    def _merged(self, shard: str, base: Entries, ours: bool, new: New, listings: dict[str, Any]) -> Entries | None:
        """`new` merged into a shard as read (`base`, a snapshot of ours or not); None when that
        changes nothing."""
        merged = dict(base)  # a section is copied when it changes: `base` stays as read
        changed = shard == "meta" and not ours
        for section, entries in new.items():
            old = base[section]
            if section in WHOLE:  # built of lists, never tuples: compared as they are
                if old != entries:
                    merged[section], changed = entries, True
                continue
            if section in UNION:
                grown = {key: _union(old.get(key), entry) for key, entry in entries.items()
                         if not _covered(old.get(key), entry)}
            else:
                grown = {key: entry for key, entry in entries.items() if not _same(old.get(key), entry)}
            if grown:
                merged[section], changed = {**old, **grown}, True
        for name in PER_FILE:  # forget deleted files; changed ones are overwritten
            kept = {key: entry for key, entry in merged[name].items()
                    if entry is not None and os.path.exists(os.path.join(self.root, key.partition("\0")[0]))}
            if len(kept) != len(merged[name]):
                merged[name], changed = kept, True
        if not changed:
            return None
        if shard.startswith(TESTS_SHARD):
            _drop_unused_listings(merged, listings)
        merged.update(self._header())
        return merged

    def _put(self, shard: str, merged: Entries, ours: bool) -> None:
        """Write a shard, merged here, to its file."""
        path = self._file(shard)
        write_atomic(path, json.dumps(merged, separators=(",", ":")).encode("utf-8"), mode=0o644, durable=False)
        self._data[shard], self._stamps[shard] = merged, (_stamp(path), True)
        if self.decoded is not None:
            self.decoded.put(path, self._stamps[shard][0], merged)
        if shard == "meta" and not ours:
            self._new_snapshot()

    def _new_snapshot(self) -> None:
        """A new snapshot's meta shard was written: an older one's shards that no name reads go."""
        for old in OBSOLETE:
            try:
                os.remove(self._file(old))
            except FileNotFoundError:
                pass

    def _pack_now(self) -> _Pack | None:
        """The pack as it is on disk now (None: there is none), its index read again."""
        try:
            self._pack = _Pack(self.pack)
        except FileNotFoundError:
            self._pack = None
        return self._pack

    def _put_pack(self, writes: dict[str, tuple[Entries, bool]], before: _Pack | None) -> None:
        """Write shards merged here into the pack (replaced whole), with the shards it holds now
        (`before`: read under the lock, so no other process has replaced it since)."""
        kept = [shard for shard in (before.shards if before else ()) if shard not in writes]
        encoded = ((shard, json.dumps(merged, separators=(",", ":")).encode("utf-8"))
                   for shard, (merged, _) in writes.items())  # one at a time: a cold run at 10x writes 400 MB
        copied = before.texts(kept) if before is not None else iter(())
        write_atomic(self.pack, _Pack.written(itertools.chain(copied, encoded)), mode=0o644, durable=False)
        self._pack = after = _Pack(self.pack)
        was = before.stamp if before else None
        for shard, (stamp, ours) in self._stamps.items():  # kept as they were: as read here still
            if stamp == was and shard not in writes and not os.path.exists(self._file(shard)):
                self._stamps[shard] = after.stamp, ours
        for shard, (merged, _) in writes.items():
            self._data[shard], self._stamps[shard] = merged, (after.stamp, True)
            if self.decoded is not None:
                self.decoded.put(self._file(shard), after.stamp, merged)
        if "meta" in writes and not writes["meta"][1]:
            self._new_snapshot()


def _nothing() -> None:
    """Nothing to write."""


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


def _covered(old: object, new: object) -> bool:
    """Does a UNION entry hold every item of `new` already?"""
    return isinstance(old, list) and isinstance(new, list) and set(new) <= set(old)


def _same(old: object, new: object) -> bool:
    """Is an entry built here the one read (as JSON would hold it: tuples are lists there)?"""
    if old is None or old == new:
        return old is not None
    return bool(old == json.loads(json.dumps(new)))


def _drop_unused_listings(shard: Entries, new: Mapping[str, Any]) -> None:
    """Keep in a tests shard the directory listings that some test file's entry in it refers to,
    the shard's own or `new` ones: every one they refer to, none other."""
    used = {f"{d}\0{digest}" for entry in shard[Section.TESTS].values() if isinstance(entry, dict) and "dirs" in entry
            for d, digest in rows(entry, "dirs")}
    had = shard[Section.LISTINGS]
    shard[Section.LISTINGS] = {key: had[key] if key in had else new[key] for key in sorted(used)
                               if key in had or key in new}


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
