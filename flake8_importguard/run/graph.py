"""The project graph: each test file's findings with everything they were read from, kept in
the index so that a test file whose inputs did not change is not checked again.

An edge runs from a test file to what its check read (base/record.py): the module files whose
summaries its verdicts and hints used (the modules its imports reach, the packages and star
imports on the way, the stubs beside them, the files an inferred `__all__` rests on), the
directories listed to find them, and the answers to whole-project questions (base/record.py's
Question: where else a name is defined, which modules get a name set from elsewhere, what the
suite imports, which modules are near a missing one, which modules import a name). Its findings
are reused while the file's bytes, the settings and the environment, every file and directory it
read, and every answer are the same.

The same edges answer `dependents(changed)`: the test files that a change of some files reaches.

Reverse edges (the index's "readers": file -> the test files whose entries read it) make a change
cost what it reaches: an entry read in the index's last generation, or one of the few before it
that the census remembers, holds at once unless a file changed since leads to it; only the
entries reached are compared file by file (and kept again, stamped with the new generation).
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable, TypedDict, cast

from flake8_importguard.base.codec import findings_from_data, findings_to_data
from flake8_importguard.base.model import Finding
from flake8_importguard.base.record import Asked, Question, Reads
from flake8_importguard.index.cache import (
    MODULE_SUFFIXES, Signature, content_digest, module_entries, names_digest, signature,
)
from flake8_importguard.index.census import APPEARED, relevant
from flake8_importguard.index.snapshot import Section, packed, rows
from flake8_importguard.run.baseline import statements_at

if TYPE_CHECKING:
    from flake8_importguard.analysis.project import Project


def _ask(project: Project, question: Asked) -> Any:
    """A whole-project question (base/record.py's Question), asked again of the project."""
    kind, name = question
    questions: dict[Question, Callable[[str], Any]] = {
        Question.HOMES: project.homes.defining,
        Question.WRITES: project.store.writers,
        Question.SUITE: project.suite.importers,
        Question.NEAR: project.homes.modules_like,
        Question.IMPORTERS: project.binders.importers,
        Question.ORIGINS: project.homes.origins,
        Question.RENAMED: project.homes.renamed,
        Question.GONE: project.history.removal,
        Question.APPS: project.census.app_models,
    }
    return questions[kind](name)


class KeptEntry(TypedDict):
    """A checked test file's entry in the index (Section.TESTS), as JSON."""

    sig: Signature  # the file's, when it was read
    digest: str  # of its bytes
    findings: list[Any]  # codec.findings_to_data
    statements: list[str]  # the statement each finding sits in (Kept)
    tests: int
    files: str  # snapshot.packed [file, its signature, its digest] rows: what the findings read
    dirs: str  # snapshot.packed [directory, the digest of its module entries] rows: what the check listed
    questions: list[list[Any]]  # [[Question, name], answer] each: the whole-project questions it asked
    stamp: str  # the generation the answers were given in ("" when it asked none)
    generation: str  # the generation that covers every file it read, or ""


def kept_entry(raw: object) -> KeptEntry | None:
    """An entry as the index holds it, when it is one (its fields are checked where they are read)."""
    return cast(KeptEntry, raw) if isinstance(raw, dict) else None


def asked(entry: KeptEntry) -> list[tuple[Asked, Any]]:
    """The whole-project questions a kept entry's check asked, with their answers; ValueError or
    TypeError for an entry of another shape."""
    return [((Question(kind), name), answer) for (kind, name), answer in entry["questions"]]


@dataclass
class Kept:
    """What the command reports of a checked file: its findings, the statement each sits in
    (baseline.statements_at, for baseline keys) and how many tests it holds (the report's)."""

    findings: list[Finding]
    statements: list[str]
    tests: int

    @classmethod
    def of(cls, tree: ast.Module, findings: list[Finding]) -> Kept:
        return cls(findings, statements_at(tree, findings), tests_in(tree))


def tests_in(tree: ast.Module) -> int:
    """The tests pytest would collect from a file, statically: `def test_*` at module level and
    `test_*` methods of `Test*` classes (parametrization not counted)."""
    count = 0
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            count += 1
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            count += sum(1 for item in node.body
                         if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"))
    return count


class Graph:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.cache = project.cache
        self._now: dict[str, Signature | None] = {}  # file -> its signature, taken once per process
        self._content: dict[str, str | None] = {}  # file -> the digest of its bytes now
        self._listed: dict[str, str | None] = {}  # directory (its key) -> the digest of its module entries now
        self._entries: dict[str, tuple[list[str], str]] = {}  # directory -> its module entries as a check listed them
        self._reached_in: dict[str, set[str] | None] = {}  # generation -> the files (keys) its changes reach
        self._again = False  # the entry being looked at was compared file by file, or its answers asked again
        self.compared = 0  # entries whose files were compared one by one in this process

    @cached_property
    def env(self) -> str:
        """What every finding rests on besides the files: the settings (but those that only say
        where the cache is or what a front end does with the findings: a baseline), where the
        project's sources are, what its packaging files say, the Django settings it names, the
        interpreter and its sys.path."""
        layout, key_of = self.project.layout, self.cache.key_of  # paths below the root as relative: it travels
        settings = dataclasses.replace(self.project.settings, baseline="", cache_dir="", no_cache=False, root="",
                                       src=tuple(map(key_of, self.project.settings.src)))
        program = os.path.dirname(os.path.abspath(sys.argv[0])) if sys.argv and sys.argv[0] else ""
        external = [key_of(p) for p in layout.external_path if p != program]  # the console script's: no package
        parts = [repr(settings), repr(list(map(key_of, layout.source_roots))), repr(external),
                 repr(layout.packaging.texts()), layout.packaging.django_settings(), sys.version]
        return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()

    def _key(self, path: str) -> str:
        return f"{self.cache.key_of(os.path.abspath(path))}\0{self.env}"

    # -- reusing findings ----------------------------------------------------------------------------
    def kept(self, path: str) -> Kept | None:
        """The findings kept for the test file `path` while nothing they rest on changed, with
        what the command reports beside them."""
        entry = kept_entry(self.cache.lookup(Section.TESTS, self._key(path)))
        self._again = False
        if entry is None or not self._holds(path, entry):
            return None
        if self._again:  # else the next run can trust it as cheaply: it is not written again
            self._restamp(path, entry)
        try:
            findings, statements, tests = findings_from_data(entry["findings"]), entry["statements"], entry["tests"]
        except (KeyError, TypeError, ValueError, StopIteration):
            return None
        if not (isinstance(statements, list) and len(statements) == len(findings) and isinstance(tests, int)
                and all(isinstance(s, str) for s in statements)):
            return None
        return Kept(findings, statements, tests)

    def _holds(self, path: str, entry: KeptEntry) -> bool:
        try:
            return (self._files_hold(path, entry)
                    and all(self._listing(d) == digest for d, digest in rows(entry, "dirs"))
                    and self._answers_hold(entry))
        except (KeyError, TypeError, ValueError):
            return False  # an entry of another shape

    def _files_hold(self, path: str, entry: KeptEntry) -> bool:
        """The file and every file it read are as they were: at once when the project's generation
        (every module's and test file's signature) is the one they were all read in."""
        read_in = entry.get("generation")
        if read_in and read_in == self.project.census.generation():
            return True
        reached = self._reached_since(read_in) if read_in else None
        if reached is not None and self.cache.key_of(os.path.abspath(path)) not in reached:
            return True  # no reverse edge leads to it from what changed since it was read
        self._again = True
        self.compared += 1
        return (self._same(os.path.abspath(path), entry["sig"], entry["digest"])
                and all(self._same(self.cache.path_of(f), sig, digest) for f, sig, digest in rows(entry, "files")))

    def _reached_since(self, generation: str) -> set[str] | None:
        """The files (keys) that the files changed since `generation` lead to by reverse edges,
        themselves included; None when what changed since is not known."""
        if generation not in self._reached_in:
            changed = self.project.census.changed_since(generation)
            reached = None if changed is None else set(changed)
            if reached is not None and changed:
                for key in changed:  # the shards of the reverse edges from what changed: not all of them
                    tests = self.cache.lookup(Section.READERS, key)
                    reached.update(tests if isinstance(tests, list) else ())
                self._forget_deleted(changed)
            self._reached_in[generation] = reached
        return self._reached_in[generation]

    def _forget_deleted(self, changed: Iterable[str]) -> None:
        """Look up the entries of the test files among `changed` that are gone: a shard of the index
        is rid of its deleted files when it was read (snapshot.py), and nothing else reads theirs."""
        for key in changed:
            path = self.cache.path_of(key)
            if self.project.layout.is_test_file(path) and not os.path.exists(path):
                self.cache.lookup(Section.TESTS, f"{key}\0{self.env}")

    def _restamp(self, path: str, entry: KeptEntry) -> None:
        """An entry that holds in a generation it was not read in is kept again, stamped with it
        (and its files' signatures as they are now, their bytes being the same), so that the next
        run trusts it at once instead of comparing every file again."""
        census = self.project.census
        generation = census.generation()
        stamp = (census.stamp() or entry["stamp"]) if entry["questions"] else entry["stamp"]
        if entry.get("generation") == generation and entry["stamp"] == stamp:
            return
        known = census.signatures()
        files = [[f, known.get(self.cache.path_of(f)), digest] for f, _, digest in rows(entry, "files")]
        own = known.get(os.path.abspath(path))
        if own is not None and all(sig is not None for _, sig, _ in files):
            restamped: KeptEntry = {**entry, "stamp": stamp, "sig": own, "files": packed(files),
                                    "generation": generation}
        elif entry["stamp"] != stamp:  # read outside what the generation covers: the answers' stamp only
            restamped, files = {**entry, "stamp": stamp}, rows(entry, "files")
        else:
            return
        self.cache.keep(Section.TESTS, self._key(path), restamped, [restamped["sig"], *(sig for _, sig, _ in files)])

    def _generation_of(self, path: str, sig: Signature, files: list[str]) -> str:
        """The project's generation, when `path` (read with `sig`) and `files` are among the files it
        covers and were read as it saw them; else "" (their signatures must be compared one by one)."""
        census, versions = self.project.census, self.cache.versions
        generation, known = census.generation(), census.signatures()
        same = known.get(os.path.abspath(path)) == list(sig) and all(
            known.get(f) == versions[f][0] for f in files)  # both lists: signature() makes them
        return generation if generation and same else ""

    def _same(self, path: str, sig: Signature, digest: str) -> bool:
        if path not in self._now:
            known = self.project.census.signatures()  # taken once per process for every module and test file
            self._now[path] = known[path] if path in known else signature(path)
        now = self._now[path]
        if now is None or now != sig and now[0] != sig[0]:
            return False
        return now == sig or self._digest(path) == digest

    def _digest(self, path: str) -> str | None:
        if path not in self._content and path in self.project.census.signatures():
            self._content[path] = self.project.census.digest(path)  # hashed already, or known from the index
        if path not in self._content:
            try:
                with open(path, "rb") as f:
                    self._content[path] = content_digest(f.read())
            except OSError:
                self._content[path] = None
        return self._content[path]

    def _listing(self, key: str) -> str | None:
        """The digest of the module entries of the directory keyed `key` in the index, now."""
        if key not in self._listed:
            directory = self.cache.path_of(key)
            with self.project.recorder.outside():
                names, digest = self._entries_of(directory)
            self._listed[key] = digest if names or os.path.isdir(directory) else None
        return self._listed[key]

    def _answers_hold(self, entry: KeptEntry) -> bool:
        """The whole-project answers hold when the project is as it was when they were given
        (a stamp of "": it could not tell), when no file that changed since mentions what they
        are about, or when asked again they are the same (kept then with the new stamp: _restamp)."""
        census = self.project.census
        if not entry["questions"] or entry["stamp"] and entry["stamp"] == census.generation():
            return True
        changed = census.changes_since(entry["stamp"])
        questions = asked(entry)
        if changed is None or any(relevant(question, changed) for question, _ in questions):
            self._again = True
            return all(self.answer(question) == answer for question, answer in questions)
        return True

    def answer(self, question: Asked) -> Any:
        """A whole-project question asked again, outside any check (nothing is recorded; the
        answer is the process's, Census.ask)."""
        with self.project.recorder.outside():
            return _ask(self.project, question)

    # -- keeping findings ----------------------------------------------------------------------------
    def record(self, path: str, sig: Signature | None, source: bytes, kept: Kept, reads: Reads,
               tree: ast.Module | None = None) -> None:
        """Keep the findings of the file `path` (read with signature `sig` as `source`, parsed
        as `tree`), with what they read; not when any of it is missing or changed too recently
        to tell. A test file's imports go into the suite's index on the way."""
        if tree is not None and sig is not None:
            self.project.suite.remember(path, sig, source, tree)
        versions = self.cache.versions
        files = sorted(reads.files - {os.path.abspath(path)})
        if sig is None or any(f not in versions for f in files):
            return  # read without the cache's knowledge of its version: never trusted
        if not self.cache.keepable([sig, *(versions[f][0] for f in files)]):
            return  # a file changed too recently to tell
        listed = {d: self._entries_of(d) for d in sorted(reads.dirs)}
        entry: KeptEntry = {
            "sig": sig, "digest": content_digest(source),
            "findings": findings_to_data(kept.findings), "statements": kept.statements, "tests": kept.tests,
            "files": packed([[self.cache.key_of(f), *versions[f]] for f in files]),
            "dirs": packed([[self.cache.key_of(d), digest] for d, (_, digest) in listed.items()]),
            "questions": sorted([list(q), a] for q, a in reads.questions.items()),
            "stamp": self.project.census.stamp() if reads.questions else "",
            "generation": self._generation_of(path, sig, files),
        }
        self.cache.keep(Section.TESTS, self._key(path), entry)
        reader = [self.cache.key_of(os.path.abspath(path))]
        for f in files:  # the reverse edges, kept with the entry or not at all
            self.cache.keep(Section.READERS, self.cache.key_of(f), reader)
        for d, (names, digest) in listed.items():  # what was there, for dependents(): added and deleted files
            self.cache.keep(Section.LISTINGS, f"{self.cache.key_of(d)}\0{digest}", names)

    def _entries_of(self, directory: str) -> tuple[list[str], str]:
        """The module entries of a directory the check listed, with their digest: the session's
        listing, the same for every file checked in this process."""
        if directory not in self._entries:
            names = module_entries(self.project.layout.listing(directory))
            self._entries[directory] = (names, names_digest(names))
        return self._entries[directory]

    # -- the edges, for hooks ------------------------------------------------------------------------
    def dependents(self, changed: Iterable[str]) -> set[str] | None:
        """The test files whose findings the changed files (edited, added or deleted) may change:
        those that read one of them, listed the directory that one was added to or deleted
        from, asked a whole-project question about a name one of them mentions (or, for near
        modules, adds or deletes a module), or have no valid findings kept (never checked, or
        changed since); None when the graph holds nothing yet: check everything."""
        split = self.reach(changed)
        return None if split is None else split[0] | split[1]

    def reach(self, changed: Iterable[str]) -> tuple[set[str], set[str]] | None:
        """dependents(), told apart: (the test files that changed, that an edge of the graph
        leads to from a changed file, or whose kept findings no longer hold; those never
        checked); None when the graph holds nothing yet."""
        suffix = "\0" + self.env
        kept = {self.cache.path_of(key[:-len(suffix)]): entry for key, raw in self.cache.entries(Section.TESTS).items()
                for entry in [kept_entry(raw)] if key.endswith(suffix) and entry is not None}
        if not kept:
            return None
        paths = {os.path.abspath(p) for p in changed}
        modules = {p for p in paths if p.endswith(MODULE_SUFFIXES) or os.path.basename(p).isidentifier()}
        census = self.project.census
        known = set(census.signatures())
        mentioned = {word for p in modules for word in census.words_of(p)}
        if any(p not in known or not os.path.exists(p) for p in modules):
            mentioned.add(APPEARED)
        reached: set[str] = set()
        unknown: set[str] = set()
        listings = self.cache.entries(Section.LISTINGS)
        keys = {self.cache.key_of(p) for p in paths}
        for test in map(os.path.abspath, census.test_files()):
            entry = kept.get(test)
            if test in paths:
                reached.add(test)
            elif entry is None:
                unknown.add(test)  # never checked
            elif self._reached(entry, keys, modules, lambda question: relevant(question, mentioned), listings) \
                    or not self._holds(test, entry):  # or something else it read changed too
                reached.add(test)
        return reached, unknown

    def _reached(self, entry: KeptEntry, keys: set[str], modules: set[str],
                 relevant: Callable[[Asked], bool], listings: dict[str, Any]) -> bool:
        try:
            if any(f in keys for f, *_ in rows(entry, "files")) or any(relevant(q) for q, _ in asked(entry)):
                return True
        except (KeyError, TypeError, ValueError):
            return True  # an entry of another shape: checked again
        for directory, digest in rows(entry, "dirs"):
            names = listings.get(f"{directory}\0{digest}")
            for path in modules:
                if os.path.dirname(self.cache.key_of(path)) == directory and not (
                        names and os.path.basename(path) in names and os.path.exists(path)):
                    return True  # added or deleted where the check looked for modules
        return False
