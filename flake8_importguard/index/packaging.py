"""What the project's packaging and configuration files say: pytest's `pythonpath`, the
distributions it declares, and the files a build may generate."""
from __future__ import annotations

import configparser
import fnmatch
import os
import re
import sys
from typing import Any, Callable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

Listing = Callable[[str], frozenset[str]]


def read_toml(path: str) -> dict[str, Any]:
    """A TOML file's data; {} when it is missing, unreadable or not TOML."""
    try:
        return parse_toml(path)
    except (OSError, ValueError):
        return {}


def parse_toml(path: str) -> dict[str, Any]:
    """A TOML file's data; raises OSError, or ValueError (tomllib.TOMLDecodeError, bad UTF-8)."""
    with open(path, "rb") as f:
        data: dict[str, Any] = tomllib.load(f)
    return data


def read_text(path: str) -> str:
    """A text file's content ("" when it cannot be read; undecodable bytes replaced)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def _words(value: Any) -> list[str]:
    """An option's words: a list's items, or a string's (split at white space)."""
    if isinstance(value, str):
        return value.split()
    return [str(item) for item in value] if isinstance(value, list) else []


def _entries(directory: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as found:
            return [entry for entry in found if entry.is_dir()]
    except OSError:
        return []


_SETTINGS_DEFAULT = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")


class Packaging:
    def __init__(self, root: str, listing: Listing) -> None:
        self.root = root
        self.listing = listing
        self._text: tuple[str, str] | None = None
        self._scripts: str | None = None
        self._django: str | None = None
        self._ignores: list[tuple[str, str]] | None = None
        self._pytest: list[dict[str, Any]] | None = None
        self._toml: dict[str, Any] | None = None
        self._inis: dict[str, configparser.ConfigParser] = {}

    def _read(self, name: str) -> str:
        return read_text(os.path.join(self.root, name))

    def texts(self) -> tuple[str, str]:
        """The text of the packaging files (pyproject, setup, requirements) and of .gitignore."""
        if self._text is None:
            packaging = "\n".join(
                self._read(name) for name in sorted(self.listing(self.root))
                if name in ("pyproject.toml", "setup.cfg", "setup.py")
                or name.startswith("requirements") and name.endswith((".txt", ".in"))
            )
            self._text = packaging, "\n".join(text for _, text in self.gitignores())
        return self._text

    def gitignores(self) -> list[tuple[str, str]]:
        """(directory, text) of the .gitignore files that apply below the root: its own, and those
        of the directories above it up to the repository's top (the one holding `.git`), as git
        reads them (streamlit's rules for `lib/` are in the repository's top .gitignore)."""
        if self._ignores is None:
            self._ignores = []
            directory = self.root
            for _ in range(4):
                text = read_text(os.path.join(directory, ".gitignore"))
                if text:
                    self._ignores.append((directory, text))
                parent = os.path.dirname(directory)
                if os.path.exists(os.path.join(directory, ".git")) or parent == directory:
                    break
                directory = parent
            else:
                self._ignores = self._ignores[:1] if self._ignores and self._ignores[0][0] == self.root else []
        return self._ignores

    def pyproject(self) -> dict[str, Any]:
        """pyproject.toml's data (read_toml), read once."""
        if self._toml is None:
            self._toml = read_toml(os.path.join(self.root, "pyproject.toml"))
        return self._toml

    def pytest_sections(self) -> list[dict[str, Any]]:
        """pytest's configuration as each file gives it: pyproject.toml's `[tool.pytest.ini_options]`
        and `[tool.pytest]`, the `[pytest]` of pytest.ini and tox.ini, setup.cfg's `[tool:pytest]`;
        keys in lower case."""
        if self._pytest is None:
            self._pytest = []
            options = self.pyproject().get("tool", {}).get("pytest", {})
            if isinstance(options, dict):  # `[tool.pytest]` itself: pytest 9's own TOML configuration
                for table in (options.get("ini_options"), {k: v for k, v in options.items() if k != "ini_options"}):
                    if isinstance(table, dict) and table:
                        self._pytest.append({str(key).lower(): value for key, value in table.items()})
            for name, section in (("pytest.ini", "pytest"), ("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
                parser = self._ini(name)
                if parser.has_section(section):
                    self._pytest.append(dict(parser.items(section)))
        return self._pytest

    def _ini(self, name: str) -> configparser.ConfigParser:
        """An ini file of the root, parsed once (empty when missing or unreadable)."""
        if name not in self._inis:
            parser = configparser.ConfigParser(interpolation=None)
            try:
                parser.read(os.path.join(self.root, name), encoding="utf-8")
            except (configparser.Error, UnicodeDecodeError, OSError):
                parser = configparser.ConfigParser(interpolation=None)
            self._inis[name] = parser
        return self._inis[name]

    def package_roots(self) -> list[str]:
        """The directories setuptools finds the project's packages in, when not the root: pyproject's
        `[tool.setuptools.packages.find] where` and `package-dir = {"" = "lib"}` (ansible's `lib`),
        setup.cfg's `[options] package_dir = =lib` and `[options.packages.find] where`."""
        found: list[str] = []
        tool = self.pyproject().get("tool", {})
        setuptools = tool.get("setuptools", {}) if isinstance(tool, dict) else {}
        if isinstance(setuptools, dict):
            packages = setuptools.get("packages")
            where = packages.get("find", {}).get("where") if isinstance(packages, dict) else None
            found += _words(where) if isinstance(where, list) else []
            mapped = setuptools.get("package-dir")
            if isinstance(mapped, dict) and isinstance(mapped.get(""), str):
                found.append(mapped[""])
        parser = self._ini("setup.cfg")
        for line in parser.get("options", "package_dir", fallback="").splitlines():
            key, _, value = line.partition("=")
            if not key.strip() and value.strip():
                found.append(value.strip())
        found += parser.get("options.packages.find", "where", fallback="").split()
        return [path for path in dict.fromkeys(found) if path.strip("./")]

    def pytest_pythonpath(self) -> list[str]:
        """`pythonpath` from pytest's configuration: pytest puts these on sys.path."""
        return [path for section in self.pytest_sections() for path in _words(section.get("pythonpath"))]

    def django_settings(self) -> str:
        """The settings module Django's setup reads before any test module: pytest-django's `--ds` in
        pytest's `addopts` (saleor's), or its `DJANGO_SETTINGS_MODULE` there, else the default the
        project's `manage.py` sets (at the root, or one directory down: netbox's `netbox/manage.py`);
        "" for none."""
        if self._django is None:
            self._django = self._django_settings()
        return self._django

    def _django_settings(self) -> str:
        sections = self.pytest_sections()
        for words in [_words(section.get("addopts")) for section in sections]:  # `--ds=x` comes first
            for at, word in enumerate(words):
                if word.startswith("--ds=") or word == "--ds" and at + 1 < len(words):
                    return word[5:] if word.startswith("--ds=") else words[at + 1]
        for section in sections:
            value = _words(section.get("django_settings_module"))
            if value:
                return value[0]
        places = ["manage.py"] if os.path.isfile(os.path.join(self.root, "manage.py")) else sorted(
            f"{entry.name}/manage.py" for entry in _entries(self.root) if entry.name.isidentifier()
            and os.path.isfile(os.path.join(entry.path, "manage.py")))  # (read unrecorded: graph.env holds the answer)
        for place in places:
            found = _SETTINGS_DEFAULT.search(self._read(place))
            if found:
                return found[1]
        return ""

    def required_python(self) -> tuple[str, tuple[int, int]] | None:
        """The project's Python requirement (`requires-python` in pyproject.toml, else setup.cfg's
        `python_requires`) and its lower bound, when it has one (`>=3.12`, `~=3.12`, `==3.12.*`)."""
        project = self.pyproject().get("project", {})
        text = project.get("requires-python") if isinstance(project, dict) else None
        if not isinstance(text, str):
            text = self._ini("setup.cfg").get("options", "python_requires", fallback="")
        bound = re.search(r"(?:>=|~=|==)\s*(\d+)\.(\d+)", text)
        return (text.strip(), (int(bound[1]), int(bound[2]))) if bound else None

    def shares_namespace(self, top: str) -> bool:
        """Does the project's packaging name a distribution that may add to namespace `top`
        (`poetry-core` for `poetry`, `google-cloud-storage` for `google`)?"""
        pattern = rf"(?:^|[\s\"',\[(]){re.escape(top)}[-_.][A-Za-z]"
        return re.search(pattern, self.texts()[0], re.M) is not None

    def may_be_built(self, dotted: str, dirs: tuple[str, ...]) -> bool:
        """Could a build or install make the missing module `dotted` (looked for in `dirs`)?
        Yes when a non-Python source of it sits there (`_speedups.c`, `.pyx`, `_speedupsmodule.c`), or the build
        configuration names its file (`write_to = "src/pkg/_version.py"`), or a .gitignore covers it (or the
        package it would be: `pkg/proto/*_pb2.py`, `generated/`), or the build
        configuration names the module, quoted, as an extension's (`Extension("pkg._speedups", ...)`,
        dulwich's `RustExtension("dulwich._pack", ...)`, maturin's `module-name = "pkg._rust"`)."""
        last = dotted.rpartition(".")[2]
        if any(e.startswith(last + ".") and not e.endswith(".py") or e == f"{last}module.c"  # CPython's naming
               for d in dirs for e in self.listing(d)):
            return True
        packaging = self.texts()[0]
        files = [os.path.join(d, *name) for d in dirs for name in ((f"{last}.py",), (last, "__init__.py"))]
        return f"{last}.py" in packaging or any(map(self._ignored, files)) or any(
            f"{quote}{dotted}{quote}" in text for text in (packaging, self._build_scripts()) for quote in "\"'")

    def _ignored(self, path: str) -> bool:
        """Does a .gitignore pattern cover `path`: what a build or a person makes there, never
        committed (streamlit's `lib/streamlit/proto/*_pb2.py`, compiled from its .proto files)?"""
        return any(_covered(os.path.relpath(path, base).replace(os.sep, "/"), text) for base, text in self.gitignores())

    def _build_scripts(self) -> str:
        """The text of the project's other build scripts at its root (pymongo's `_setup.py`, a
        `hatch_build.py`, `build_ffi.py`): read for the extensions they name."""
        if self._scripts is None:
            self._scripts = "\n".join(
                self._read(name) for name in sorted(self.listing(self.root)) if name.endswith(".py")
                and name != "setup.py" and ("setup" in name or "build" in name))
        return self._scripts


def _covered(rel: str, text: str) -> bool:
    """Does a pattern of a .gitignore's `text` cover the path `rel` below its directory (the file,
    or a directory it is in)? Patterns read as fnmatch's; negations and comments left out."""
    if rel.startswith("../"):
        return False
    parts = rel.split("/")
    for line in text.splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith(("#", "!")):
            continue
        directory = pattern.endswith("/")
        pattern = pattern.strip("/")
        if not pattern:
            continue
        if "/" in pattern:  # anchored at the .gitignore's directory
            if any(fnmatch.fnmatchcase("/".join(parts[:i]), pattern)
                   for i in range(1, len(parts) + (0 if directory else 1))):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in (parts[:-1] if directory else parts)):
            return True
    return False
