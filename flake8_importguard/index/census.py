"""Every Python file of the project, found by listing directories and stat-ing files only: the
first-party modules (for "where does X live now") and the test files (for "what does the suite
import"). The whole-project questions start here.

The generation is a digest of every such file's bytes, taken once per process before any
whole-project answer is computed (a file is read and hashed only when its signature is not the
one the index kept with its digest: a copy or a checkout, which moves every timestamp, is the
same generation): an answer kept with the generation it was computed in holds while the
generation is the same, or while none of the files changed since mentions what it is about
(`relevant`: the words of the changed files, as they were and as they are; for the answers that
read the list of files, no file added or deleted); otherwise it is asked again. The index keeps
the signatures of its last generation and, for a few generations before it, which files and
words changed since (its history), so that what was read in one of those is checked against the
changes only (graph.py's reverse edges, and the answers here), not file by file.

What the census keeps is sharded by directory (snapshot.py's "census-NN"), so that an edit
rewrites the shard of the directory it touched and a small record: each directory it listed
(`LISTED`: its signature, its entries, the modules and test files found there) and each file's
signature and digest (`FILES`), beside the record of its lists (the settings they were found
with, a digest of the directories) and of its generation (with its history). The process that
stores them stores them whole, so its shards and its records go together; shards that are not
the ones a record was kept with (a write cut short, a read while another process wrote) are not
trusted for what that record says: the lists are found again, the last generation is unknown.

A directory, like a file, is kept without its signature when it changed too recently to tell
(RACY_NS): the lists hold all the same, and the next run lists that directory alone and
compares its entries. Its signature is taken before it is listed (and, when too recent to
tell, its entries), and its entries after: what is kept is what the walk saw, or nothing.

Each file's words (scan.py, a text pass kept in the index per file) say which files may answer a
question about a name: only those are parsed, so a question asked on a cold index costs a read
of every file and the parse of a few, not the parse of the project.
"""
from __future__ import annotations

import os
import time
from typing import Any, Callable, Iterable, Iterator, TypeVar

from flake8_importguard.base.files import blake2b, skipped, walk
from flake8_importguard.base.record import Asked, Question, Recorder
from flake8_importguard.index.cache import NoCache, Signature, content_digest, racy, signature
from flake8_importguard.index.layout import Layout
from flake8_importguard.index.scan import ANY, WRITTEN, name_words, typo, words, words_added_or_dropped
from flake8_importguard.index.snapshot import Section
from flake8_importguard.index.watch import Verified, Watch

Modules = list[tuple[str, str]]  # (module name, file)
Version = list[Any]  # a file's [signature, digest of its bytes]
T = TypeVar("T")


class Census:
    def __init__(self, layout: Layout, cache: NoCache, recorder: Recorder, watch: Watch | None = None) -> None:
        """`watch`: what an editor reported changed on disk since the generation was last verified
        (watch.py: the language server's rounds)."""
        self.layout, self.cache, self.recorder, self.watch = layout, cache, recorder, watch
        self._lists: tuple[Modules, list[str]] | None = None
        self._signatures: dict[str, Signature | None] | None = None
        self._generation = ""
        self._words: dict[str, str] | None = None  # file -> " its words " (or EVERY)
        self._mentions: dict[str, list[str]] | None = None  # word -> the files that may hold it
        self._distinct: set[str] | None = None  # every word of every file, once
        self._asked = 0
        self._changes: dict[str, set[str] | None] = {}  # generation -> the words changed since
        self._at: dict[str, list[str]] | None = None  # file -> its module names
        self._keyed: dict[str, tuple[Signature | None, str | None]] | None = None  # file (key) -> (sig, digest) now
        self._taken: dict[str, Any] | None = None  # the index's files, each as it is now (taken in one pass)
        self._settled = True  # no file changed too recently to tell
        self._changed_keys: set[str] | None = None  # the files (keys) changed since the index's last generation
        self._answered: dict[tuple[str, ...], Any] = {}  # the questions asked in this process
        self.computed = 0  # whole-project answers computed in this process (not found in the index)
        self.carried = 0  # answers of an earlier generation kept for this one: no change since reaches them
        self.walked = False  # was the project walked for its lists in this process (not kept in the index)?
        self.one_pass = False  # was the generation the index's last, found in one pass over its files (_as_listed)?
        self.trusted = False  # ... or the one verified in an earlier round, what the editor reported since as it was
        self.hashed = 0  # files read and hashed here for the generation (not as kept, nor as a worker read them)
        self.relisted: list[str] = []  # the directories (keys) listed again to tell whether the kept lists hold
        self._kept: tuple[dict[str, Any] | None] | None = None  # the index's last generation as read (_previous)
        self._files_read: dict[str, Any] = {}  # every file's [signature, digest] as read from the index
        self._listed: tuple[dict[str, Any] | None] | None = None  # the directories as kept, when they hold
        self._dirs = ""  # the digest of the directories the lists were found in (kept with the generation)
        self._handed: dict[str, Version] = {}  # file -> [signature, digest] another process read (take_versions)

    # -- the files -------------------------------------------------------------------------------
    def modules(self) -> Modules:
        """(module name, file) of every first-party source module, found from the source roots."""
        return self._files()[0]

    def test_files(self) -> list[str]:
        """Every test file of the project (nested projects, build output and the like left out)."""
        return self._files()[1]

    def _files(self) -> tuple[Modules, list[str]]:
        """Both lists, kept in the index while no directory they were found in changed (its
        signature moves when an entry is added, deleted or renamed; one kept without it is listed
        again): a stat of each directory instead of a walk of the project."""
        if self._lists is None:
            with self.recorder.outside():
                self._lists = self._listed_lists() or self._walk()
        return self._lists

    def _listed_lists(self) -> tuple[Modules, list[str]] | None:
        """The lists kept in the index while every directory they were found in has the
        signature kept with it, or (new timestamps: a copy, a checkout; or one kept without its
        signature, changed too recently to tell) the same entries: those are listed again."""
        listed = self._listing()
        try:
            return _lists(listed, self.cache.path_of) if listed is not None else None
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None  # not what a census keeps: found again

    def _listing(self) -> dict[str, Any] | None:
        """The directories as the index kept them, when they hold (_kept_listing), once per process."""
        if self._listed is None:
            self._listed = (self._kept_listing(),)
        return self._listed[0]

    def _key(self) -> str:
        settings, key_of = self.layout.settings, self.cache.key_of
        return repr(([key_of(r) for r in self.layout.source_roots], settings.test_patterns, settings.all_files))

    def _kept_listing(self) -> dict[str, Any] | None:
        """The census's records of the directories (LISTED) while they hold (_listed_lists); the
        digest they were kept with is `self._dirs`."""
        top, path_of = self.cache.lookup(Section.MODULES, "census"), self.cache.path_of
        listed = self.cache.entries(Section.LISTED)
        try:
            if top["key"] != self._key() or top["dirs"] != _dirs_digest(listed):
                return None  # other settings, or shards that are not the ones this record was kept with
            moved = {}
            for d, kept in listed.items():
                sig, entries = kept[0], kept[1]
                now = signature(path_of(d))  # before the listing: a later change shows next time
                if sig is not None and now == sig:
                    continue
                self.relisted.append(d)
                if now is None or entries is None or _entries(path_of(d)) != entries:
                    return None
                if not racy(now, time.time_ns()):  # else kept as it is: listed again next time all the same
                    moved[d] = [now, *kept[1:]]
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        if moved:  # compared by signature next time (with the record they go with)
            self.cache.replace(Section.LISTED, {**listed, **moved})
            self.cache.keep(Section.MODULES, "census", top)
        self._dirs = top["dirs"]
        return listed

    def _walk(self) -> tuple[Modules, list[str]]:
        """Both lists, found by walking the project, and kept: each directory with its signature
        taken before it was listed (None when it changed too recently to tell: listed again and
        compared next time) and its entries, with the module and test files found there."""
        self.walked = True
        seen: dict[str, list[Any]] = {}  # directory -> [signature, entries, source root, modules, tests]
        modules = self._walk_modules(seen)
        tests, nested = [], []  # type: list[str], list[str]
        for dirpath, _, filenames in _listed(walk(self.layout.root, project=True, nested=nested), self.layout.root,
                                             seen):
            found = [name for name in filenames
                     if name.endswith(".py") and self.layout.is_test_file(os.path.join(dirpath, name))]
            seen[dirpath][4].extend(found)
            tests.extend(os.path.join(dirpath, name) for name in found)
        for d in nested:  # a nested project, not walked: its entries say when it is one no more
            seen.setdefault(d, _looked(d, _look(d)))
        key_of = self.cache.key_of
        listed = {key_of(d): entry for d, entry in seen.items()}
        self._dirs = _dirs_digest(listed)
        self.cache.replace(Section.LISTED, listed)
        self.cache.keep(Section.MODULES, "census", {"key": self._key(), "dirs": self._dirs})
        return modules, tests

    def app_models(self, _: str = "") -> list[str]:
        """The `models` modules of what look like the project's Django apps: `P.models` where `P.apps`
        or `P.migrations` is a module too; from the module list alone (recorded: Question.APPS)."""
        return self.ask((Question.APPS, ""), self._app_models)

    def _app_models(self) -> list[str]:
        names = {module for module, _ in self.modules()}
        return sorted(m for m in names if m.endswith(".models") and (
            f"{m[:-len('.models')]}.apps" in names or f"{m[:-len('.models')]}.migrations" in names))

    def modules_in(self, paths: Iterable[str]) -> list[tuple[str, str]]:
        """(module, file) for each of `paths` that is a module's file, in the order of `paths`."""
        if self._at is None:
            self._at = {}
            for module, path in self.modules():
                self._at.setdefault(path, []).append(module)
        return [(module, path) for path in paths for module in self._at.get(path, ())]

    def _walk_modules(self, seen: dict[str, list[Any]]) -> Modules:
        found: Modules = []
        reals: set[str] = set()
        roots = self.layout.source_roots
        for at, source_root in enumerate(roots):
            for dirpath, dirnames, filenames in _listed(walk(source_root, follow_links=True), source_root, seen):
                real = os.path.realpath(dirpath)
                rel = os.path.relpath(dirpath, source_root)
                prefix = () if rel == os.curdir else tuple(rel.split(os.sep))
                if real in reals or (prefix and real in roots):
                    dirnames[:] = []  # listed already, or another source root of its own
                    continue
                reals.add(real)
                self.layout.listing(dirpath)
                entry = seen[dirpath]
                if entry[2] is None:
                    entry[2] = at
                dirnames[:] = [d for d in dirnames if d.isidentifier()]
                for name in filenames:
                    if not (name.endswith(".py") and name[:-3].isidentifier()):
                        continue
                    module = ".".join((*prefix, name[:-3])) if name != "__init__.py" else ".".join(prefix)
                    if name != "__init__.py" or prefix:
                        found.append((module, os.path.join(dirpath, name)))
                        entry[3].append([module, name])
        return found

    # -- the generation ----------------------------------------------------------------------------
    def files(self) -> list[str]:
        """Every module and test file, sorted."""
        return sorted({path for _, path in self.modules()} | set(self.test_files()))

    def signatures(self) -> dict[str, Signature | None]:
        """Every module and test file with its signature, taken once per process; kept in the
        index with the digest of each file's bytes and the generation (so that the next run can
        tell what changed since)."""
        self._take()
        if self._signatures is None:  # taken in one pass: each file's signature is the one the index kept
            path_of, taken = self.cache.path_of, self._taken or {}
            self._signatures = dict(sorted((path_of(key), version[0]) for key, version in taken.items()))
        return self._signatures

    def _versions(self) -> dict[str, tuple[Signature | None, str | None]]:
        """file (key) -> (signature, digest) now, for every module and test file."""
        self._take()
        if self._keyed is None:  # taken in one pass: as the index kept them
            self._keyed = {key: (version[0], version[1]) for key, version in (self._taken or {}).items()}
        return self._keyed

    def _take(self) -> None:
        """The generation, taken once per process: the index's last one when every file is as it
        kept it (_as_listed, _as_kept), else every file's digest (read and hashed only when its
        signature is not the one kept with it), kept with the new generation."""
        if self._taken is not None or self._signatures is not None:
            return
        if self._carried():
            return
        kept = self._previous()
        if kept is not None and self._as_listed(kept):
            self._verified(kept)
            return
        self._signatures = {path: signature(path) for path in self.files()}
        if kept is not None and self._as_kept(kept, self._signatures):
            if kept.get("dirs") != self._dirs:  # the same files, found in directories kept otherwise
                self.cache.keep(Section.MODULES, "signatures", {**_record(kept), "dirs": self._dirs})
            return
        known = self._files_read  # [signature, digest]: a file's digest while its signature holds
        now, keyed = time.time_ns(), {}  # type: int, dict[str, Any]
        versions: dict[str, tuple[Signature | None, str | None]] = {}
        for path, sig in self._signatures.items():
            key = self.cache.key_of(path)
            was = known.get(key)
            versions[key] = version = self._version(path, sig, was)
            keyed[key] = [sig, version[1]]
            if sig is not None and racy(sig, now):
                self._settled = False
                # kept without its signature, read and hashed again next time; or, its bytes the
                # same, as the index keeps it (its signature is not the file's now either: a copy
                # just made, a file touched, is not written again for nothing)
                keyed[key] = was if version[1] is not None and _digest_of(was) == version[1] else [None, version[1]]
        self._keyed = versions
        self._generation = _generation({key: found for key, (_, found) in versions.items()})
        if kept is None or kept["generation"] != self._generation:
            self.cache.replace(Section.FILES, keyed)
            self.cache.keep(Section.MODULES, "signatures",
                            {"generation": self._generation, "since": self._history(), "dirs": self._dirs})
        elif known != keyed:  # the same bytes with new timestamps (a copy, a checkout)
            self.cache.replace(Section.FILES, keyed)  # with the record it goes with (another process may
            self.cache.keep(Section.MODULES, "signatures",  # have replaced it since it was read here)
                            {**_record(kept), "dirs": self._dirs})

    def _as_listed(self, kept: dict[str, Any]) -> bool:
        """The index's last generation, when its record names the directories' digest that the
        census's records of them hold now (_listing: each directory's signature as kept, or its
        entries the same): its files are the ones those directories hold, so each of them is
        compared with the signature kept with its digest, in one pass, and what the full pass
        would find is what the index kept (`_taken`: nothing built unless asked; a warm run, an
        editor's save). Any file that differs and the full pass decides."""
        listed = self._listing()
        if listed is None or not self._dirs or kept.get("dirs") != self._dirs:
            return False
        path_of, taken = self.cache.path_of, kept["files"]
        for key, version in taken.items():
            sig = signature(path_of(key))
            if sig is None or not (version.__class__ is list and len(version) == 2 and version[0] == sig
                                   and version[1].__class__ is str):
                return False
        self._taken, self._generation = taken, kept["generation"]
        self.one_pass = True
        return True

    def _watch_key(self) -> str:
        return f"{self.cache.path}\0{self._key()}"

    def _verified(self, kept: dict[str, Any]) -> None:
        """The generation just verified file by file, kept for the next rounds (watch.py) unless a
        directory had to be listed again (its signature is not the one kept)."""
        token = self.cache.census_token()
        if self.watch is not None and token is not None and not self.relisted and self._listed is not None:
            listed = self._listed[0]
            if listed is not None:
                self.watch.verify(self._watch_key(), Verified(token, kept, listed, self._dirs))

    def _carried(self) -> bool:
        """The generation verified in an earlier round, while the editor's reports may be trusted,
        the index's census is the one read then, and every path reported since is as it was then
        (watch.py): no file stat'ed but those."""
        if self.watch is None:
            return False
        key = self._watch_key()
        verified = self.watch.carried(key)
        if verified is None:
            return False
        if verified.token != self.cache.census_token(now=True) or not all(
                self._as_verified(path, verified) for path in verified.pending):
            self.watch.forget(key)
            return False
        verified.pending.clear()
        kept = verified.kept
        self._kept, self._files_read, self._listed = (kept,), kept["files"], (verified.listed,)
        self._dirs = verified.dirs
        self._taken, self._generation = kept["files"], kept["generation"]
        self.one_pass = self.trusted = True
        return True

    def _as_verified(self, path: str, verified: Verified) -> bool:
        """Is a path reported changed as the verified generation saw it: a module or test file with
        its signature, a directory listed with its own, any other path's nearest listed directory
        (where creating or deleting it shows) with its own? (Its directory as the census found it:
        the editor may name it through a link to the project.)"""
        key_of, files, listed = self.cache.key_of, verified.kept["files"], verified.listed
        path = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
        key = key_of(path)
        if key in files:
            return bool(signature(path) == files[key][0])
        while key not in listed:
            parent = os.path.dirname(path)
            if parent == path:
                return True  # in no directory the census lists
            path, key = parent, key_of(parent)
        return bool(signature(path) == listed[key][0])

    def _as_kept(self, kept: dict[str, Any], sigs: dict[str, Signature | None]) -> bool:
        """Is every file there with the signature the index kept with its digest, and no other?
        Then this is the index's last generation, taken from it (what the full pass below would
        compute, with nothing to hash and nothing to keep again): a warm run, an editor's save. A
        signature is kept only once it is too old to change unseen: none of these is too fresh now."""
        then: dict[str, Any] = kept["files"]
        if len(then) != len(sigs):
            return False
        keyed: dict[str, tuple[Signature | None, str | None]] = {}
        key_of = self.cache.key_of
        for path, sig in sigs.items():
            key = key_of(path)
            version = then.get(key)  # [signature, digest]; the signature None while it was too fresh to tell
            if sig is None or not (isinstance(version, list) and len(version) == 2 and version[0] == sig
                                   and isinstance(version[1], str)):
                return False
            keyed[key] = (sig, version[1])
        self._keyed, self._generation = keyed, kept["generation"]
        return True

    def _version(self, path: str, sig: Signature | None, then: Any) -> tuple[Signature | None, str | None]:
        """(signature, digest of the bytes) of a file now: the digest the index kept while the
        signature is the one kept with it, else the file read and hashed (None: it cannot be read)."""
        if sig is None:
            return None, None
        if not self.cache.path:  # nothing is kept between runs: the generation need only hold in this one
            return sig, repr(sig)
        if isinstance(then, list) and len(then) == 2 and then[0] == sig and isinstance(then[1], str):
            return sig, then[1]
        handed = self._handed.get(path)
        if handed is not None and handed[0] == sig:  # read by a worker of this run (take_versions)
            return sig, handed[1]
        self.hashed += 1
        try:
            with open(path, "rb") as f:
                return sig, content_digest(f.read())
        except OSError:
            return sig, None

    def scan_ahead(self, path: str) -> Version | None:
        """The words of `path` read before the signatures are taken (a worker of a cold run reads
        every file for them), and the [signature, digest] of the bytes they were read from, for
        the parent to take (take_versions) instead of reading every file again for the
        generation: None when the file is too fresh to tell (the parent reads it itself, and it is
        kept without its signature) or cannot be read. The signature is taken before the read."""
        sig = signature(path)
        if sig is None:
            return None
        self.cache.file_entry(Section.SCAN, path, "", _scanned, sig)
        version = self.cache.versions.get(path)
        if version is None or list(version[0]) != sig or racy(sig, time.time_ns()):
            return None
        return [sig, version[1]]

    def take_versions(self, handed: dict[str, Version]) -> None:
        """[signature, digest] of files that another process read (scan_ahead), before the
        signatures are taken here: a file whose signature is then the same is not read again."""
        if self._signatures is None and self._taken is None:
            self._handed.update(handed)

    def digest(self, path: str) -> str | None:
        """The digest of the bytes of a module or test file as this process found them (None:
        not one of them, or it cannot be read)."""
        version = self._versions().get(self.cache.key_of(path))
        return version[1] if version is not None else None

    def settled(self) -> bool:
        """Did no file change too recently to tell (a second edit in the same timestamp tick)? An
        answer is kept with the generation only then."""
        self._take()
        return self._settled

    def _previous(self) -> dict[str, Any] | None:
        """The index's last generation as this process read it: its generation, its files'
        signatures and digests (from the shards by directory: only when they are the ones it
        was taken from), its history."""
        if self._kept is None:
            kept, files = self.cache.lookup_read(Section.MODULES, "signatures"), self.cache.entries_read(Section.FILES)
            self._files_read = files
            ok = (isinstance(kept, dict) and isinstance(kept.get("generation"), str)
                  and kept["generation"] == _generation({key: _digest_of(version) for key, version in files.items()}))
            self._kept = ({**kept, "files": files} if ok else None,)
        return self._kept[0]

    def _changed(self) -> set[str]:
        """The files (keys) whose bytes changed since the index's last generation, or that
        appeared or went (new timestamps alone are no change)."""
        if self._changed_keys is None:
            self._take()
            if self._taken is not None:  # taken in one pass: every file is as the index kept it
                self._changed_keys = set()
                return self._changed_keys
            versions, kept = self._versions(), self._previous()
            then: dict[str, Any] = kept["files"] if kept else {}
            self._changed_keys = {key for key in then.keys() | versions.keys()
                                  if _digest_of(then.get(key)) != versions.get(key, (None, None))[1]
                                  or _digest_of(then.get(key)) is None}
        return self._changed_keys

    def _step(self, generation: str) -> list[Any] | None:
        """[files, words or None] changed from `generation` to the index's last, from its history."""
        kept = self._previous()
        since = kept.get("since") if kept else None
        step = since.get(generation) if isinstance(since, dict) else None
        ok = isinstance(step, list) and len(step) == 2 and isinstance(step[0], list)
        return step if ok else None

    def _history(self) -> dict[str, list[Any]]:
        """The history kept with a new generation: for the last one and a few before it, the files
        (keys) and the words changed since, while they are few."""
        kept = self._previous()
        changed = self._changed()
        if kept is None or not kept["generation"] or len(changed) > HISTORY_FILES:
            return {}
        words = self.changes_since(kept["generation"])
        history = {kept["generation"]: [sorted(changed), None if words is None else sorted(words)]}
        for generation in kept.get("since") or {}:
            step = self._step(generation)
            files = set(step[0]) | changed if step is not None else None
            if files is None or len(files) > HISTORY_FILES or len(history) >= HISTORY:
                break
            both = None if step[1] is None or words is None else sorted(set(step[1]) | words)  # type: ignore[index]
            history[generation] = [sorted(files), both]
        return history

    def changed_since(self, generation: str) -> set[str] | None:
        """The files (their keys in the index) changed, added or deleted since `generation`: the
        index's last generation or one in its history; None when that is not known."""
        kept = self._previous()
        if not generation or kept is None:
            return None
        if generation == kept["generation"]:
            return self._changed()
        step = self._step(generation)
        return None if step is None else set(step[0]) | self._changed()

    def changes_since(self, generation: str) -> set[str] | None:
        """The words of the files that changed since `generation` (as they were then and as
        they are), with APPEARED when a file was added or deleted; None when that generation is
        not the one the index last kept, or a file's words then are not known."""
        if generation not in self._changes:
            self._changes[generation] = self._changed_words(generation)
        return self._changes[generation]

    def _changed_words(self, generation: str) -> set[str] | None:
        kept = self._previous()
        if not generation or kept is None:
            return None
        if kept["generation"] != generation:  # an older generation: the words its history kept, and since
            step, since_last = self._step(generation), self.changes_since(kept["generation"])
            if step is None or step[1] is None or since_last is None:
                return None
            return set(step[1]) | since_last
        then: dict[str, Any] = kept["files"]
        found: set[str] = set()
        versions = self._versions()
        for key in self._changed():
            path, was, now = self.cache.path_of(key), _digest_of(then.get(key)), versions.get(key, (None, None))[1]
            if was is None or now is None:
                found.add(APPEARED)
            old = self.cache.lookup_read(Section.SCAN, f"{key}\0") if key in then else None
            if key in then and not (isinstance(old, list) and len(old) == 3 and old[2] == was):
                return None  # its words at that generation were not read
            texts = [old[1] if old else "", self.scan(path) if now is not None else ""]
            for text in texts:
                found |= set(text.split()) if isinstance(text, str) else {EVERY_WORD}
        return found

    def generation(self) -> str:
        """The digest of every module's and test file's bytes (read only for a file whose
        signature is not the one the index kept with its digest): new timestamps on the same
        bytes (a copy, a checkout, a cache restored in CI) are the same generation."""
        self._take()
        return self._generation

    def stamp(self) -> str:
        """The generation, to keep an answer with: "" (never the same) when a file changed too
        recently to tell whether what was read is what was hashed."""
        return self.generation() if self.settled() else ""

    def ask(self, question: Asked, compute: Callable[[], T]) -> T:
        """A whole-project question asked by a check: answered once per process (answer) and
        recorded with its answer in the open frames (base/record.py)."""
        if question not in self._answered:
            self._answered[question] = self.answer(question, compute)
        answer: T = self._answered[question]
        self.recorder.asked(question, answer)
        return answer

    def answer(self, question: Asked, compute: Callable[[], T]) -> T:
        """A whole-project answer, kept in the index with the generation it was computed in and
        reused while the generation is the same, or while no file changed since mentions what
        it is about (`relevant`; kept again with the new generation, `_stamp`, so that the next
        run trusts it at once); computed after the generation was taken, and outside the check
        that asks (its question and answer are what the check records)."""
        key, generation = "\0".join(question), self.generation()
        kept = self.cache.lookup(Section.ANSWERS, key)
        if isinstance(kept, list) and len(kept) == 2 and isinstance(kept[0], str) and kept[0]:
            if kept[0] == generation:
                return kept[1]  # type: ignore[no-any-return]
            changed = self.changes_since(kept[0])  # the files as they are now, even just changed
            if changed is not None and not relevant(question, changed):
                self.carried += 1
                stamp = self._stamp(question)
                if stamp and stamp != kept[0]:
                    self.cache.keep(Section.ANSWERS, key, [stamp, kept[1]])
                return kept[1]  # type: ignore[no-any-return]
        self.computed += 1
        with self.recorder.outside():
            value = compute()
        stamp = self._stamp(question)
        if stamp:
            self.cache.keep(Section.ANSWERS, key, [stamp, value])
        return value

    def _stamp(self, question: Asked) -> str:
        """The generation an answer true now is kept with: this one, or (a file changed too
        recently to tell) the index's last one when no change since can change the answer; ""
        when neither (it is not kept)."""
        generation = self.stamp()
        if generation:
            return generation
        previous = self._previous()
        last: str = previous["generation"] if previous else ""
        changed = self.changes_since(last) if last else None
        return last if changed is not None and not relevant(question, changed) else ""

    # -- the words of every file -------------------------------------------------------------------
    def scan(self, path: str) -> Any:
        """The words of one file (scan.py), from the index or read now: a string of words, or
        True when the text cannot be read (any name); "" for a file that is gone."""
        sig = self.signatures().get(path) or signature(path)
        return self.cache.file_entry(Section.SCAN, path, "", _scanned, sig) if sig is not None else ""

    def words_of(self, path: str) -> set[str]:
        """The words of `path` as it is and as the index last held it (a deleted file's too);
        EVERY_WORD among them when the text cannot be read."""
        found: set[str] = set()
        kept = self.cache.lookup(Section.SCAN, f"{self.cache.key_of(path)}\0")
        for text in [kept[1] if isinstance(kept, list) and len(kept) == 3 else "", self.scan(path)]:
            found |= set(text.split()) if isinstance(text, str) else {EVERY_WORD}
        return found

    def scanned(self, path: str) -> bool:
        """Are the words of `path` in the index, for the file as it is?"""
        sig = self.signatures().get(path)
        return sig is not None and self.cache.has_entry(Section.SCAN, path, "", sig)

    def all_words(self) -> dict[str, str]:
        """Every file's words (" a b c ", EVERY when its text cannot be read), read once per process."""
        if self._words is None:
            with self.recorder.outside():
                self._words = {path: f" {found} " if isinstance(found, str) else EVERY
                               for path in self.signatures() for found in [self.scan(path)]}
        return self._words

    def mentions(self, name: str) -> list[str]:
        """The files (modules and test files, sorted) whose text may bind, import or set `name`.
        The first questions look through every file's words; after many, an index answers."""
        self._words = self.all_words()
        self._asked += 1
        if self._mentions is not None or self._asked > MANY_QUESTIONS:
            by_word = self.word_files()
            return sorted({*by_word.get(name, ()), *by_word.get(EVERY, ())})
        word = f" {name} "
        return [path for path, found in self._words.items() if word in found or found == EVERY]

    def distinct_words(self) -> set[str]:
        """Every word of every file whose text could be read, each once (what word_files holds
        but EVERY, without the files of each: one join and split), read once per process."""
        if self._distinct is None:
            self._distinct = set(" ".join(self.all_words().values()).split()) - {EVERY.strip()}
        return self._distinct

    def holding(self, word: str) -> list[str]:
        """The files whose words hold `word` (not those whose text cannot be read), in the order of
        `word_files`: from it once it is built, else by a look through every file's words."""
        if self._mentions is not None:
            return self._mentions.get(word, [])
        spaced = f" {word} "
        return [path for path, found in self.all_words().items() if spaced in found]

    def word_files(self) -> dict[str, list[str]]:
        """Every word of every file -> the files that hold it (EVERY -> the files whose text cannot be
        read), built once per process."""
        if self._mentions is None:
            self._mentions = {}
            for path, found in self.all_words().items():
                for word in [EVERY] if found == EVERY else found.split():
                    self._mentions.setdefault(word, []).append(path)
        return self._mentions


MANY_QUESTIONS = 30
HISTORY = 8  # the generations before the last whose changes the index keeps
HISTORY_FILES = 256  # while no more files changed since: past that, entries are compared file by file
EVERY_WORD = "\0"  # in words_of(): the file may hold any name
APPEARED = "\0appeared"  # in changes_since(): a file was added or deleted
EVERY = " \0 "  # the words of a file the text pass cannot read: it may hold any name


# The questions whose answer reads the list of files besides the files that mention their name:
# near modules (the module list only), where a name is defined (the package that shows it is the
# first source root's), outside origins (the project's top-level packages), what the suite imports
# (which top-level packages are first-party). A file added or deleted may change them.
LISTED = frozenset({Question.NEAR, Question.HOMES, Question.ORIGINS, Question.SUITE, Question.APPS})


def relevant(question: Asked, changed: set[str]) -> bool:
    """May the answer to a whole-project question (kind, name) differ, when the files whose
    words are `changed` (APPEARED among them when a file was added or deleted) changed? Each
    answer is read from the files that mention its name (Census.mentions) and, for those in
    LISTED, from the list of files; near modules from the list alone; the names that read as a
    rename of it (RENAMED) from the files that mention one of them (`_may_rename`); who sets it
    (WRITES) from the files that may set it or any name."""
    kind, name = question
    if APPEARED in changed and kind in LISTED:
        return True
    if kind in (Question.NEAR, Question.APPS):
        return False
    if kind is Question.WRITES:  # read from the files that may set it (store.py)
        return bool({EVERY_WORD, WRITTEN + name, ANY} & changed)
    if EVERY_WORD in changed or name in changed:
        return True
    return kind is Question.RENAMED and any(_may_rename(name, word) for word in changed if word.isidentifier())


def _may_rename(name: str, word: str) -> bool:
    """Could analysis/suggest.py's `Homes.renamed` take `word` for a rename of `name`? Only when
    they share a word of four letters or more (its index) and then either one is a typo of the
    other (scan.typo, the test `Homes.renamed` makes), or both have two words or
    more, the same last one, and the words of one are among the other's (words added or
    dropped). A superset of what it accepts: keep the two together."""
    lower = word.lower()
    wanted = name_words(name)
    if word == name or not any(len(part) >= 4 and part in lower for part in wanted):
        return False
    parts = name_words(word)
    if not {part for part in wanted if len(part) >= 4} & set(parts):
        return False
    if typo(name.lower(), lower) or typo(lower, name.lower()):
        return True
    return words_added_or_dropped(parts, wanted)


def _record(kept: dict[str, Any]) -> dict[str, Any]:
    """The census's record of its generation, as kept (without the files read with it)."""
    return {key: value for key, value in kept.items() if key != "files"}


def _generation(digests: dict[str, str | None]) -> str:
    """The digest of every file's digest (by key): what the census's generation is."""
    digest = blake2b(digest_size=16)
    for key in sorted(digests):
        digest.update(f"{key}\0{digests[key]}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _dirs_digest(listed: dict[str, Any]) -> str:
    """A digest of the directories the census listed, with what each held and the files found
    there (not their timestamps): its record says which shards of them go with it."""
    digest = blake2b(digest_size=16)
    for d in sorted(listed):
        digest.update(f"{d}\0{listed[d][1:]!r}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


Look = tuple[Signature | None, bool, str | None]  # a directory's signature, whether too recent, its entries then


def _look(directory: str) -> Look:
    """A directory's signature before it is listed and, when that is too recent to tell (a
    change after it may leave it as it is), its entries too."""
    sig = signature(directory)
    young = sig is not None and racy(sig, time.time_ns())
    return sig, young, _entries(directory) if young else None


def _looked(directory: str, look: Look) -> list[Any]:
    """The census's record of a directory listed since `look` was taken: [signature, entries,
    source root, modules, tests]. Its entries now are the ones the listing saw while its
    signature has not moved since, or (too recent to tell, kept without its signature) while
    they are the ones before it; else they are not known, and the lists are walked again."""
    sig, young, before = look
    after = _entries(directory)
    if sig is None or after is None:
        return [None, None, None, [], []]
    if young:
        return [None, after if after == before else None, None, [], []]
    return [sig, after, None, [], []] if signature(directory) == sig else [None, None, None, [], []]


def _listed(walked: Iterator[tuple[str, list[str], list[str]]], top: str,
            seen: dict[str, list[Any]]) -> Iterator[tuple[str, list[str], list[str]]]:
    """A walk (base/files.walk), recording in `seen` each directory it lists (_looked), with its
    signature looked at before the walk listed it (_look): so that what is kept of it is what
    the walk saw, or is not known."""
    before = {top: _look(top)} if top not in seen else {}  # (one an earlier walk saw is recorded as it saw it)
    for dirpath, dirnames, filenames in walked:
        if dirpath not in seen:
            seen[dirpath] = _looked(dirpath, before.pop(dirpath, (None, False, None)))
        yield dirpath, dirnames, filenames
        for d in dirnames:  # as the caller pruned them: the walk lists these next
            path = os.path.join(dirpath, d)
            if path not in seen:
                before[path] = _look(path)


def _lists(listed: dict[str, Any], path_of: Callable[[str], str]) -> tuple[Modules, list[str]]:
    """The module and test file lists from the census's records of the directories, in the
    order of the walk that found them (each source root's in turn, each directory before the
    ones below it, siblings sorted: the order of their paths' parts)."""
    paths = {d: path_of(d) for d in listed}
    inside = {d: os.path.join(path, "") for d, path in paths.items()}  # + a name: os.path.join's path
    walked = sorted(listed, key=lambda d: paths[d].split(os.sep))
    modules: Modules = []
    for d in sorted((d for d in walked if listed[d][2] is not None), key=lambda d: listed[d][2]):  # (stable)
        modules.extend((module, inside[d] + name) for module, name in listed[d][3])
    tests = [inside[d] + name for d in walked for name in listed[d][4]]
    return modules, tests


def _entries(directory: str) -> str | None:
    """A digest of what a directory holds: each entry's name, whether it is a directory, and
    where it links to (what the walk of the census sees of it; not its timestamps). Hidden
    entries and the directories every walk skips (base/files.skipped: a cache, `__pycache__`)
    are left out: creating the index's own directory, or a test run's bytecode, lists nothing anew."""
    try:
        with os.scandir(directory) as listed:
            found = sorted(f"{e.name}\0{'d' if e.is_dir() else 'f'}\0{os.readlink(e.path) if e.is_symlink() else ''}"
                           for e in listed if not (e.name.startswith(".") or e.is_dir() and skipped(e.name, False)))
    except OSError:
        return None
    return content_digest("\n".join(found).encode("utf-8", "surrogateescape"))


def _digest_of(version: Any) -> str | None:
    """The digest of a file's bytes in the index's kept [signature, digest] (None: not known)."""
    return version[1] if isinstance(version, list) and len(version) == 2 and isinstance(version[1], str) else None


def _scanned(source: bytes) -> str | bool:
    found = words(source)
    return True if found is None else " ".join(sorted(found))
