"""Where a project is and how its files are named: the root, the source roots, which files are
tests, the module name of a file and the `sys.path` a test file sees."""
from __future__ import annotations

import fnmatch
import os
import sys
from typing import Callable

from flake8_importguard.base.config import Settings
from flake8_importguard.base.record import Memo, Recorder
from flake8_importguard.index.packaging import Packaging

Listing = Callable[[str], frozenset[str]]
Search = tuple[str, ...]  # a sys.path: the directories a module is looked for in, in order
ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")


def find_root(path: str, listing: Listing) -> str:
    """The nearest directory above `path` with a project file or `.git` (the path's own
    directory when there is none)."""
    current = os.path.dirname(os.path.abspath(path)) if not os.path.isdir(path) else os.path.abspath(path)
    probe = current
    while True:
        if any(marker in listing(probe) for marker in ROOT_MARKERS):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return current
        probe = parent


def is_test_path(root: str, settings: Settings, path: str) -> bool:
    """Is `path` a test file of the project at `root` (a real path) under `settings`? Decided from
    the path alone: an editor's save of another file reads nothing more. Never a `.pyi` stub: type
    checkers read it, pytest never imports it (numpy's typing tests, `tests/data/reveal/*.pyi`, name
    what only the stubs declare)."""
    if path.endswith(".pyi"):
        return False
    if settings.all_files:
        return True
    prefix = root + os.sep
    if path.startswith(prefix) and os.sep + "." not in path and os.sep * 2 not in path:
        rel = path[len(prefix):].replace(os.sep, "/")  # a normal path below the root: no relpath
    else:
        rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    parts = rel.split("/")
    for pattern in settings.test_patterns:
        if pattern.endswith("/"):
            if any(fnmatch.fnmatchcase(part, pattern[:-1]) for part in parts[:-1]):
                return True
        elif "/" in pattern:
            if fnmatch.fnmatchcase(rel, pattern):
                return True
        elif fnmatch.fnmatchcase(parts[-1], pattern):
            return True
    return False


def dotted_name(rel: str) -> tuple[str, bool]:
    """The module a file is, by its path relative to a sys.path entry (`app/db/__init__.py` is
    `app.db`), and whether it is a package's `__init__`."""
    parts = rel[: -len(".py")].split(os.sep) if rel.endswith(".py") else rel.split(os.sep)
    is_init = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_init else parts), is_init


class Layout:
    def __init__(self, root: str, settings: Settings, listing: Listing, recorder: Recorder | None = None) -> None:
        """`recorder`: the project's, told the directories listed (`listing` does) again whenever a
        directory's answer is reused (each test file's check records what it rests on)."""
        self.root = os.path.realpath(root)
        self.settings = settings
        self.listing = listing
        recorder = recorder or Recorder()
        # by directory: what is asked for every test file, of the few directories they are in
        self._search: Memo[str, Search] = Memo(recorder)
        self._conftests: Memo[str, tuple[str, ...]] = Memo(recorder)
        self._fresh_search: Memo[str, Search] = Memo(recorder)
        self._relative: dict[str, str] = {}
        self.packaging = Packaging(self.root, listing)
        roots: list[str] = []
        extra = list(settings.src) + self.packaging.pytest_pythonpath() + self.packaging.package_roots()
        for candidate in [*extra, "src", "."]:
            path = os.path.realpath(os.path.join(self.root, candidate))
            if os.path.isdir(path) and path not in roots:
                if candidate == "src" and not listing(path):
                    continue
                roots.append(path)
        self.source_roots: tuple[str, ...] = tuple(roots)
        cwd = os.getcwd()
        self.external_path: tuple[str, ...] = tuple(
            p for p in sys.path if p and p != cwd and os.path.realpath(p) not in roots
        )

    def is_test_file(self, path: str) -> bool:
        return is_test_path(self.root, self.settings, path)

    def basedir(self, path: str) -> str:
        """pytest's rootdir-style basedir: the first ancestor that is not a regular package."""
        return self._basedir_of(os.path.dirname(os.path.abspath(path)))

    def _basedir_of(self, directory: str) -> str:
        """The basedir of the files in `directory`."""
        while "__init__.py" in self.listing(directory):
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        return directory

    def module_name(self, path: str) -> tuple[str, str]:
        """(module name, package) of a file as its importer sees it."""
        path = os.path.abspath(path)
        name, is_init = dotted_name(os.path.relpath(path, self.basedir(path)))
        return name, name if is_init else name.rpartition(".")[0]

    def search_path(self, path: str | None) -> Search:
        """sys.path as a test file sees it: its own basedir first, then the source roots."""
        if path is None:
            return self.source_roots
        directory = os.path.dirname(os.path.abspath(path))
        return self._search.get(directory, lambda: self._search_from(directory))

    def _search_from(self, directory: str) -> Search:
        base = os.path.realpath(self._basedir_of(directory))
        return (base, *[r for r in self.source_roots if r != base])

    def conftests(self, path: str) -> tuple[str, ...]:
        """The `conftest.py` files pytest imports before `path`, root first: one in each directory
        from the root down to the file's own (not the file itself)."""
        path = os.path.abspath(path)
        directory = os.path.dirname(path)
        return tuple(c for c in self._conftests_in(directory) if c != path)

    def _conftests_in(self, directory: str) -> tuple[str, ...]:
        return self._conftests.get(directory, lambda: self._conftests_to(directory))

    def _conftests_to(self, directory: str) -> tuple[str, ...]:
        """The `conftest.py` files from the root down to `directory`, its own included."""
        found: list[str] = []
        while True:
            candidate = os.path.join(directory, "conftest.py")
            if "conftest.py" in self.listing(directory):
                found.append(candidate)
            if os.path.realpath(directory) == self.root:
                break
            parent = os.path.dirname(directory)
            if parent == directory or not (directory + os.sep).startswith(self.root + os.sep):
                return ()  # outside the project: pytest's rootdir is elsewhere
            directory = parent
        return tuple(reversed(found))

    def fresh_search(self, path: str) -> Search:
        """sys.path when pytest imports `path` alone: its basedir, each conftest's basedir
        (the deepest first: each is put in front as it is imported), then the source roots.
        The same for every file of a directory (a conftest's own basedir is the file's)."""
        directory = os.path.dirname(os.path.abspath(path))
        return self._fresh_search.get(directory, lambda: self._fresh_search_from(directory))

    def _fresh_search_from(self, directory: str) -> Search:
        found: list[str] = []
        for entry in [directory, *(os.path.dirname(c) for c in reversed(self._conftests_in(directory)))]:
            base = os.path.realpath(self._basedir_of(entry))
            if base not in found:
                found.append(base)
        return (*found, *[r for r in self.source_roots if r not in found])

    def relative(self, path: str) -> str:
        """`path` relative to the root, with forward slashes (kept: a fresh interpreter's
        simulation asks it of every module it runs, for every test file)."""
        found = self._relative.get(path)
        if found is None:
            found = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
            if os.path.isabs(path):  # a relative one depends on the working directory
                self._relative[path] = found
        return found
