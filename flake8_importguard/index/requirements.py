"""The third-party packages a project requires: what its packaging declares as a dependency that
is always installed (`[project] dependencies`, Poetry's `[tool.poetry.dependencies]`, setuptools'
`install_requires`), not an optional extra, a development group, or a requirement with an
environment marker.

Such a package cannot be the reason a first-party import fails: an `except ImportError:` around
first-party code that imports only required packages guards nothing but the project itself.
Distribution names are mapped to import names by their normalized spelling (`python-dateutil` ->
`python_dateutil`) and, when it is installed, by its own metadata (`PyYAML` -> `yaml`).
"""
from __future__ import annotations

import ast
import configparser
import importlib.metadata
import os
import re
from functools import cached_property
from typing import Any

from flake8_importguard.index.packaging import read_text, read_toml

_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~(].*)?$")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def requirement_name(requirement: str) -> str:
    """The distribution a PEP 508 requirement names, "" when it has a marker (it may be absent)
    or cannot be read."""
    if ";" in requirement or "@" in requirement:
        return ""
    match = _NAME.match(requirement)
    return match.group(1) if match else ""


class Dependencies:
    def __init__(self, root: str) -> None:
        self.root = root

    @cached_property
    def required(self) -> frozenset[str]:
        """Normalized names of the distributions the project always installs."""
        names = [requirement_name(r) for r in self._pyproject() + self._setup_cfg() + self._setup_py()]
        return frozenset(normalized(n) for n in names + self._poetry() if n)

    @cached_property
    def _installed(self) -> dict[str, list[str]]:
        try:
            return dict(importlib.metadata.packages_distributions())
        except Exception:  # a broken distribution's metadata must not stop the check
            return {}

    def requires(self, top: str) -> bool:
        """Is the top-level import name `top` provided by a distribution the project requires?"""
        return self._provides(top, self.required)

    @cached_property
    def declared(self) -> frozenset[str]:
        """Normalized names of every distribution the project says it installs: `required`, and
        the root's requirements.txt (or the files setuptools reads its dependencies from), where
        an app lists its dependencies without packaging metadata."""
        files: Any = read_toml(os.path.join(self.root, "pyproject.toml"))
        for key in ("tool", "setuptools", "dynamic", "dependencies", "file"):  # ansible's requirements.txt
            files = files.get(key) if isinstance(files, dict) else None
        names = [requirement_name(line.split("#")[0].strip())
                 for name in ["requirements.txt", *([files] if isinstance(files, str) else files or [])]
                 for line in read_text(os.path.join(self.root, str(name))).splitlines()
                 if not line.lstrip().startswith("-")]
        return self.required | frozenset(normalized(n) for n in names if n)

    def declares(self, top: str) -> bool:
        """Is the top-level import name `top` a distribution the project says it installs (declared)?"""
        return self._provides(top, self.declared)

    def _provides(self, top: str, names: frozenset[str]) -> bool:
        """Is `top` provided by one of the distributions `names`: by its spelling, or by an installed
        distribution's own metadata (`PyYAML` -> `yaml`)?"""
        return bool(names) and (normalized(top) in names or any(
            normalized(dist) in names for dist in self._installed.get(top, ())))

    def _pyproject(self) -> list[str]:
        value = read_toml(os.path.join(self.root, "pyproject.toml")).get("project", {})
        found = value.get("dependencies", []) if isinstance(value, dict) else []
        return [r for r in found if isinstance(r, str)] if isinstance(found, list) else []

    def _poetry(self) -> list[str]:
        tool: Any = read_toml(os.path.join(self.root, "pyproject.toml")).get("tool", {})
        deps = tool.get("poetry", {}).get("dependencies", {}) if isinstance(tool, dict) else {}
        if not isinstance(deps, dict):
            return []
        return [name for name, spec in deps.items()
                if name.lower() != "python" and not (isinstance(spec, dict) and (
                    spec.get("optional") or spec.get("markers") or spec.get("python") or spec.get("platform")))
                and not isinstance(spec, list)]

    def _setup_cfg(self) -> list[str]:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(os.path.join(self.root, "setup.cfg"), encoding="utf-8")
            value = parser.get("options", "install_requires", fallback="")
        except (configparser.Error, UnicodeDecodeError, OSError):
            return []
        return [line.strip() for line in value.splitlines() if line.strip() and not line.strip().startswith("#")]

    def _setup_py(self) -> list[str]:
        """`install_requires=[...]` written as a literal list in setup.py (read, never run)."""
        try:
            with open(os.path.join(self.root, "setup.py"), "rb") as f:
                tree = ast.parse(f.read())
        except (OSError, SyntaxError, ValueError, RecursionError):
            return []
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "install_requires" and isinstance(
                    node.value, (ast.List, ast.Tuple)):
                return [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return []
