"""ProjectIndex: where the project is, which modules are first-party, which files are tests.

It finds modules the way CPython's path finder does (packages, namespace portions, plain
modules, compiled extensions), but only by listing directories: nothing is imported.
"""
from __future__ import annotations

import configparser
import fnmatch
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache

from flake8_importguard.cache import open_cache
from flake8_importguard.config import Settings
from flake8_importguard.summary import ModuleSummary, summarize_source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
SKIP_DIRS = {"__pycache__", "node_modules", "site-packages", "__pypackages__"}
SKIP_TOP_DIRS = {"build", "dist", "venv", "env", "htmlcov", "docs", "examples"}
EXTENSION_SUFFIXES = (".so", ".pyd")

# Kinds of module location.
PACKAGE, NAMESPACE, MODULE, EXTENSION, STUB_ONLY, BYTECODE = (
    "package", "namespace", "module", "extension", "stub-only", "bytecode"
)
UNREADABLE = "unreadable"  # a directory the linter may not list: what it holds is unknown


@dataclass(frozen=True)
class ModuleLoc:
    name: str
    kind: str
    file: str = ""  # the .py (or __init__.py) that holds the source; "" when there is none
    dirs: tuple[str, ...] = ()  # submodule search locations for packages and namespaces
    stub: str = ""  # a .pyi beside it, if any


def find_root(path: str) -> str:
    current = os.path.dirname(os.path.abspath(path)) if not os.path.isdir(path) else os.path.abspath(path)
    probe = current
    while True:
        if any(marker in cached_listdir(probe) for marker in ROOT_MARKERS):  # listings are cached
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return current
        probe = parent


@lru_cache(maxsize=4096)
def cached_listdir(directory: str) -> frozenset[str]:
    try:
        return frozenset(os.listdir(directory))
    except OSError:
        return frozenset()


def _holds_python(directory: str, depth: int) -> bool:
    """Is there a .py file in `directory` or (up to `depth` levels) below it?"""
    entries = cached_listdir(directory)
    if any(entry.endswith(".py") for entry in entries):
        return True
    return depth > 0 and any(
        entry.isidentifier() and _holds_python(os.path.join(directory, entry), depth - 1)
        for entry in entries if "." not in entry
    )


def clear_listing_cache() -> None:
    cached_listdir.cache_clear()


def _entry(directory: str, entries: frozenset[str], name: str) -> ModuleLoc | str | None:
    """One path entry's answer for `name`: a location, "namespace" for a portion, or None."""
    is_dir = name in entries and os.path.isdir(os.path.join(directory, name))
    if is_dir:
        pkg_dir = os.path.join(directory, name)
        inner = cached_listdir(pkg_dir)
        if not inner and not os.access(pkg_dir, os.R_OK | os.X_OK):
            return ModuleLoc(name, UNREADABLE, "", (pkg_dir,))
        if "__init__.py" in inner:
            stub = os.path.join(pkg_dir, "__init__.pyi") if "__init__.pyi" in inner else ""
            return ModuleLoc(name, PACKAGE, os.path.join(pkg_dir, "__init__.py"), (pkg_dir,), stub)
        if any(e.startswith("__init__.") and e.endswith(EXTENSION_SUFFIXES) for e in inner):
            return ModuleLoc(name, EXTENSION, "", (pkg_dir,))
        if "__init__.pyc" in inner:
            return ModuleLoc(name, BYTECODE, "", (pkg_dir,))
    prefix = name + "."
    for entry in entries:
        if entry.startswith(prefix) and entry.endswith(EXTENSION_SUFFIXES):
            return ModuleLoc(name, EXTENSION)
    stub = os.path.join(directory, name + ".pyi") if name + ".pyi" in entries else ""
    if name + ".py" in entries:
        return ModuleLoc(name, MODULE, os.path.join(directory, name + ".py"), (), stub)
    if name + ".pyc" in entries:
        return ModuleLoc(name, BYTECODE)
    if is_dir:
        return "namespace"
    if stub:
        return ModuleLoc(name, STUB_ONLY, "", (), stub)
    return None


def find_in(dirs: tuple[str, ...], name: str, dotted: str) -> ModuleLoc | None:
    """CPython's PathFinder over `dirs` for the last component `name` of `dotted`."""
    portions: list[str] = []
    for directory in dirs:
        found = _entry(directory, cached_listdir(directory), name)
        if found == "namespace":
            portions.append(os.path.join(directory, name))
        elif isinstance(found, ModuleLoc):
            return ModuleLoc(dotted, found.kind, found.file, found.dirs, found.stub)
    if portions:
        return ModuleLoc(dotted, NAMESPACE, "", tuple(portions))
    return None


def _read_pytest_pythonpath(root: str) -> list[str]:
    """`pythonpath` from pytest's configuration: pytest puts these on sys.path."""
    paths: list[str] = []
    pyproject = os.path.join(root, "pyproject.toml")
    try:
        with open(pyproject, "rb") as f:
            data = tomllib.load(f)
        value = data.get("tool", {}).get("pytest", {}).get("ini_options", {}).get("pythonpath", [])
        paths.extend([value] if isinstance(value, str) else list(value))
    except (OSError, ValueError, AttributeError):
        pass
    for name, section in (("pytest.ini", "pytest"), ("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(os.path.join(root, name), encoding="utf-8")
            paths.extend(parser.get(section, "pythonpath", fallback="").split())
        except (configparser.Error, UnicodeDecodeError, OSError):
            continue
    return paths


def package_of(loc: ModuleLoc) -> str:
    """The package its relative imports are resolved in: the module itself for a package."""
    return loc.name if loc.kind == PACKAGE else loc.name.rpartition(".")[0]


class ProjectIndex:
    """One project, read lazily: each module's source is parsed at most once per process."""

    def __init__(self, root: str, settings: Settings) -> None:
        self.root = os.path.realpath(root)
        self.settings = settings
        roots: list[str] = []
        extra = list(settings.src) + _read_pytest_pythonpath(self.root)
        for candidate in [*extra, "src", "."]:
            path = os.path.realpath(os.path.join(self.root, candidate))
            if os.path.isdir(path) and path not in roots:
                if candidate == "src" and not cached_listdir(path):
                    continue
                roots.append(path)
        self.source_roots: tuple[str, ...] = tuple(roots)
        cwd = os.getcwd()
        self.external_path: tuple[str, ...] = tuple(
            p for p in sys.path if p and p != cwd and os.path.realpath(p) not in roots
        )
        self._summaries: dict[str, ModuleSummary] = {}
        self._locs: dict[tuple[tuple[str, ...], str], ModuleLoc | None] = {}
        self._first_party: dict[tuple[tuple[str, ...], str], bool] = {}
        self._all_modules: list[tuple[str, str]] | None = None
        self.cache = open_cache(settings.cache_dir, self.root, enabled=not settings.no_cache)
        self._packaging_text: str | None = None
        self._ignored_text = ""

    def _packaging(self) -> tuple[str, str]:
        """The text of the packaging files (pyproject, setup, requirements) and of .gitignore."""
        if self._packaging_text is None:
            def read(name: str) -> str:
                try:
                    with open(os.path.join(self.root, name), encoding="utf-8", errors="replace") as f:
                        return f.read()
                except OSError:
                    return ""

            self._packaging_text = "\n".join(
                read(name) for name in sorted(cached_listdir(self.root))
                if name in ("pyproject.toml", "setup.cfg", "setup.py")
                or name.startswith("requirements") and name.endswith((".txt", ".in"))
            )
            self._ignored_text = read(".gitignore")
        return self._packaging_text, self._ignored_text

    def shares_namespace(self, top: str) -> bool:
        """Does the project's packaging name a distribution that may add to namespace `top`
        (`poetry-core` for `poetry`, `google-cloud-storage` for `google`)?"""
        pattern = rf"(?:^|[\s\"',\[(]){re.escape(top)}[-_.][A-Za-z]"
        return re.search(pattern, self._packaging()[0], re.M) is not None

    def may_be_built(self, dotted: str, dirs: tuple[str, ...]) -> bool:
        """Could a build or install make the missing module `dotted` (looked for in `dirs`)?
        Yes when a non-Python source of it sits there (`_speedups.c`, `.pyx`), or the build
        configuration or .gitignore names its file (`write_to = "src/pkg/_version.py"`)."""
        last = dotted.rpartition(".")[2]
        if any(e.startswith(last + ".") and not e.endswith(".py") for d in dirs for e in cached_listdir(d)):
            return True
        return any(f"{last}.py" in text for text in self._packaging())

    # -- test files -------------------------------------------------------------------------
    def is_test_file(self, path: str) -> bool:
        if self.settings.all_files:
            return True
        rel = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        parts = rel.split("/")
        for pattern in self.settings.test_patterns:
            if pattern.endswith("/"):
                if any(fnmatch.fnmatchcase(part, pattern[:-1]) for part in parts[:-1]):
                    return True
            elif "/" in pattern:
                if fnmatch.fnmatchcase(rel, pattern):
                    return True
            elif fnmatch.fnmatchcase(parts[-1], pattern):
                return True
        return False

    # -- where a file sits --------------------------------------------------------------------
    @staticmethod
    def basedir(path: str) -> str:
        """pytest's rootdir-style basedir: the first ancestor that is not a regular package."""
        directory = os.path.dirname(os.path.abspath(path))
        while "__init__.py" in cached_listdir(directory):
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        return directory

    def module_name(self, path: str) -> tuple[str, str]:
        """(module name, package) of a file as its importer sees it."""
        path = os.path.abspath(path)
        base = self.basedir(path)
        rel = os.path.relpath(path, base)
        parts = rel[: -len(".py")].split(os.sep) if rel.endswith(".py") else rel.split(os.sep)
        is_init = parts[-1] == "__init__"
        if is_init:
            parts = parts[:-1]
        name = ".".join(parts)
        package = name if is_init else ".".join(parts[:-1])
        return name, package

    def search_path(self, path: str | None) -> tuple[str, ...]:
        """sys.path as a test file sees it: its own basedir first, then the source roots."""
        if path is None:
            return self.source_roots
        base = os.path.realpath(self.basedir(path))
        return (base, *[r for r in self.source_roots if r != base])

    # -- modules ------------------------------------------------------------------------------
    def find_module(self, dotted: str, search: tuple[str, ...]) -> ModuleLoc | None:
        key = (search, dotted)
        if key in self._locs:
            return self._locs[key]
        head, _, last = dotted.rpartition(".")
        if not head:
            loc = find_in(search, last, dotted)
        else:
            parent = self.find_module(head, search)
            loc = find_in(parent.dirs, last, dotted) if parent and parent.dirs else None
        self._locs[key] = loc
        return loc

    def is_first_party(self, top: str, search: tuple[str, ...]) -> bool:
        key = (search, top)
        if key not in self._first_party:
            self._first_party[key] = self._is_first_party(top, search)
        return self._first_party[key]

    def _is_first_party(self, top: str, search: tuple[str, ...]) -> bool:
        if top in self.settings.first_party:
            return True
        if top in sys.stdlib_module_names or top in sys.builtin_module_names:
            return False
        loc = self.find_module(top, search)
        if loc is not None and loc.kind == NAMESPACE:
            # a directory without Python in it (data, templates, fixtures) is not a package of
            # ours; an installed package of the same name would win over it
            return any(_holds_python(directory, 4) for directory in loc.dirs)
        return loc is not None

    def summary(self, loc: ModuleLoc) -> ModuleSummary:
        path = loc.file
        cached = self._summaries.get(path)
        if cached is None:
            package = package_of(loc)
            cached = self.cache.summary(path, package, lambda source: summarize_source(source, path, package))
            self._summaries[path] = cached
        return cached

    def stub_names(self, loc: ModuleLoc) -> set[str]:
        if not loc.stub:
            return set()
        return set(self.summary(ModuleLoc(loc.name, MODULE, loc.stub)).names)

    # -- every first-party module, for "where does X live now" --------------------------------
    def all_modules(self) -> list[tuple[str, str]]:
        """(module name, file) of every first-party source module, found from the source roots."""
        if self._all_modules is None:
            self._all_modules = self.cache.all_modules(self.source_roots, self._walk_all)
        return self._all_modules

    def _walk_all(self) -> tuple[list[tuple[str, str]], dict[str, frozenset[str]]]:
        found: list[tuple[str, str]] = []
        seen_dirs: dict[str, frozenset[str]] = {}  # real path -> the entries listed there
        for source_root in self.source_roots:
            others = {r for r in self.source_roots if r != source_root}
            self._walk(source_root, (), others, seen_dirs, found)
        return found, seen_dirs

    def _walk(self, directory: str, prefix: tuple[str, ...], others: set[str], seen: dict[str, frozenset[str]],
              found: list[tuple[str, str]]) -> None:
        real = os.path.realpath(directory)
        if real in seen or (prefix and real in others):
            return
        seen[real] = entries = cached_listdir(directory)
        for entry in sorted(entries):
            full = os.path.join(directory, entry)
            if entry.endswith(".py") and entry[:-3].isidentifier():
                name = entry[:-3]
                if name == "__init__":
                    if prefix:
                        found.append((".".join(prefix), full))
                else:
                    found.append((".".join((*prefix, name)), full))
            elif entry.isidentifier() and entry not in SKIP_DIRS and not (not prefix and entry in SKIP_TOP_DIRS):
                if os.path.isdir(full):
                    self._walk(full, (*prefix, entry), others, seen, found)
