"""Every Python file of the project, found by listing directories and stat-ing files only: the
first-party modules (for "where does X live now") and the test files (for "what does the suite
import"). The whole-project questions start here.

The generation is a digest of every such file's signature, taken once per process before any
whole-project answer is computed: an answer kept with the generation it was computed in holds
while the generation is the same (graph.py); otherwise it is asked again.

Each file's words (scan.py, a text pass kept in the index per file) say which files may answer a
question about a name: only those are parsed, so a question asked on a cold index costs a read
of every file and the parse of a few, not the parse of the project.
"""
from __future__ import annotations

import hashlib
import os
from typing import Any, Iterable

from flake8_importguard.cache import NoCache, Signature, signature
from flake8_importguard.deps import Recorder
from flake8_importguard.files import walk
from flake8_importguard.layout import Layout
from flake8_importguard.scan import words

Modules = list[tuple[str, str]]  # (module name, file)


class Census:
    def __init__(self, layout: Layout, cache: NoCache, recorder: Recorder) -> None:
        self.layout, self.cache, self.recorder = layout, cache, recorder
        self._modules: Modules | None = None
        self._tests: list[str] | None = None
        self._signatures: dict[str, Signature | None] | None = None
        self._generation = ""
        self._mentions: dict[str, list[str]] | None = None  # word -> the files that may hold it
        self._at: dict[str, list[str]] | None = None  # file -> its module names

    # -- the files -------------------------------------------------------------------------------
    def modules(self) -> Modules:
        """(module name, file) of every first-party source module, found from the source roots."""
        if self._modules is None:
            with self.recorder.outside():
                self._modules = self.cache.all_modules(self.layout.source_roots, self._walk_modules,
                                                       self.layout.listing)
        return self._modules

    def _walk_modules(self) -> tuple[Modules, dict[str, frozenset[str]]]:
        found: Modules = []
        seen: dict[str, frozenset[str]] = {}  # real path -> the entries listed there
        roots = self.layout.source_roots
        for source_root in roots:
            for dirpath, dirnames, filenames in walk(source_root, follow_links=True):
                real = os.path.realpath(dirpath)
                rel = os.path.relpath(dirpath, source_root)
                prefix = () if rel == os.curdir else tuple(rel.split(os.sep))
                if real in seen or (prefix and real in roots):
                    dirnames[:] = []  # listed already, or another source root of its own
                    continue
                seen[real] = self.layout.listing(dirpath)
                dirnames[:] = [d for d in dirnames if d.isidentifier()]
                for entry in filenames:
                    if not (entry.endswith(".py") and entry[:-3].isidentifier()):
                        continue
                    if entry != "__init__.py":
                        found.append((".".join((*prefix, entry[:-3])), os.path.join(dirpath, entry)))
                    elif prefix:
                        found.append((".".join(prefix), os.path.join(dirpath, entry)))
        return found, seen

    def modules_in(self, paths: Iterable[str]) -> list[tuple[str, str]]:
        """(module, file) for each of `paths` that is a module's file, in the order of `paths`."""
        if self._at is None:
            self._at = {}
            for module, path in self.modules():
                self._at.setdefault(path, []).append(module)
        return [(module, path) for path in paths for module in self._at.get(path, ())]

    def test_files(self) -> list[str]:
        """Every test file of the project (nested projects, build output and the like left out)."""
        if self._tests is None:
            found = (os.path.join(dirpath, f) for dirpath, _, filenames in walk(self.layout.root, project=True)
                     for f in filenames if f.endswith(".py"))
            self._tests = [path for path in found if self.layout.is_test_file(path)]
        return self._tests

    # -- the generation ----------------------------------------------------------------------------
    def signatures(self) -> dict[str, Signature | None]:
        """Every module and test file with its signature, taken once per process."""
        if self._signatures is None:
            files = sorted({path for _, path in self.modules()} | set(self.test_files()))
            self._signatures = {path: signature(path) for path in files}
            digest = hashlib.blake2b(digest_size=16)
            for path, sig in self._signatures.items():
                digest.update(f"{path}\0{sig}\n".encode("utf-8", "surrogateescape"))
            self._generation = digest.hexdigest()
        return self._signatures

    def generation(self) -> str:
        self.signatures()
        return self._generation

    # -- the words of every file -------------------------------------------------------------------
    def scan(self, path: str) -> Any:
        """The words of one file (scan.py), from the index or read now: a string of words, or
        True when the text cannot be read (any name); "" for a file that is gone."""
        sig = self.signatures().get(path) or signature(path)
        return self.cache.file_entry("scan", path, "", _scanned, sig) if sig is not None else ""

    def scanned(self, path: str) -> bool:
        """Are the words of `path` in the index, for the file as it is?"""
        sig = self.signatures().get(path)
        return sig is not None and self.cache.has_entry("scan", path, "", sig)

    def mentions(self, name: str) -> list[str]:
        """The files (modules and test files, sorted) whose text may bind, import or set `name`."""
        if self._mentions is None:
            self._mentions = {}
            with self.recorder.outside():
                for path in self.signatures():
                    found = self.scan(path)
                    for word in found.split() if isinstance(found, str) else [EVERY]:
                        self._mentions.setdefault(word, []).append(path)
        return sorted({*self._mentions.get(name, ()), *self._mentions.get(EVERY, ())})


EVERY = "\0"  # the words of a file the text pass cannot read: it may hold any name


def _scanned(source: bytes) -> str | bool:
    found = words(source)
    return True if found is None else " ".join(sorted(found))
