"""The configuration files, read the same way by the flake8 plugin and the importguard command.

Precedence (the README's "Configuration" section): the command line; then flake8's configuration
file, found as flake8 finds it (`--config`, or the first `setup.cfg`, `tox.ini` or `.flake8` with a
`[flake8]` section from the current directory upward), keys `importguard-<name>`; then the nearest
`pyproject.toml` with a `[tool.importguard]` table from the current directory upward, keys
`<name>`; then the defaults. A path in a file is relative to that file's directory. An unknown
key or a bad value is a `ConfigError` that names the file and the key.
"""
from __future__ import annotations

import configparser
import os
from typing import Any, Iterator, Sequence

from flake8_importguard.base.config import READ, Option, OptionKind, patterns, split
from flake8_importguard.index.packaging import parse_toml

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
_BOOLEANS = configparser.RawConfigParser.BOOLEAN_STATES


class ConfigError(Exception):
    def __init__(self, path: str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")
        self.path, self.key, self.problem = path, key, problem


def _upward(start: str) -> Iterator[str]:
    """`start` and its parents, up to the home directory or the filesystem's root (as flake8 walks)."""
    home = os.path.realpath(os.path.expanduser("~"))
    path = os.path.realpath(start)
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path or parent == home:
            return
        path = parent


def _ini(path: str) -> configparser.RawConfigParser | None:
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (UnicodeDecodeError, configparser.Error):
        return None
    return parser


def find_flake8_config(start: str) -> str | None:
    """The file flake8 would read: the first of setup.cfg, tox.ini, .flake8 with a [flake8] section."""
    for directory in _upward(start):
        for name in FLAKE8_FILES:
            path = os.path.join(directory, name)
            parser = _ini(path) if os.path.isfile(path) else None
            if parser is not None and ("flake8" in parser or "flake8:local-plugins" in parser):
                return path
    return None


def find_pyproject(start: str) -> str | None:
    """The nearest pyproject.toml with a [tool.importguard] table."""
    for directory in _upward(start):
        path = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(path) and "importguard" in _pyproject(path).get("tool", {}):
            return path
    return None


def _pyproject(path: str) -> dict[str, Any]:
    """A pyproject.toml's data; ConfigError when it is not TOML and means to configure us."""
    try:
        return parse_toml(path)
    except OSError:
        return {}
    except ValueError as exc:
        with open(path, "rb") as f:
            if b"importguard" not in f.read():
                return {}  # not ours to judge: the build tools will say so
        raise ConfigError(path, "tool.importguard", f"not valid TOML: {exc}") from None


def _typed(opt: Option, value: Any, path: str, key: str) -> Any:
    """A value from a file as the option's kind wants it; ConfigError when it cannot be."""
    if opt.kind is OptionKind.BOOL:
        if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
            return _BOOLEANS[value.strip().lower()]
        if isinstance(value, bool):
            return value
        raise ConfigError(path, key, f"expected true or false, got {value!r}")
    if opt.kind is OptionKind.PATH:
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(path, key, f"expected a path, got {value!r}")
        return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), value.strip()))
    if opt.kind is OptionKind.PATTERNS and (isinstance(value, str) or isinstance(value, list)
                                            and all(isinstance(v, str) for v in value)):
        return patterns(value, os.path.dirname(os.path.abspath(path)))
    if isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value):
        return split(value)
    raise ConfigError(path, key, f"expected comma-separated names or a list of strings, got {value!r}")


def _did_you_mean(key: str, names: list[str]) -> str:
    """"; did you mean 'x'?" for a misspelt key (`_` for `-` included), or ""."""
    import difflib  # only for a key that is wrong

    near = difflib.get_close_matches(key.replace("_", "-"), names, n=1, cutoff=0.8)
    return f"; did you mean '{near[0]}'?" if near else ""


def _from_flake8(path: str) -> dict[str, Any]:
    parser = _ini(path)
    if parser is None or "flake8" not in parser:
        return {}
    keys = {f"importguard-{opt.name}": opt for opt in READ}  # the command's `exclude` too: flake8's own `exclude`
    # is not read (a project may keep flake8 off its tests, and want them checked here)
    known = keys | {key.replace("-", "_"): opt for key, opt in keys.items()}
    values: dict[str, Any] = {}
    for key, value in parser["flake8"].items():
        if not key.startswith(("importguard-", "importguard_")):
            continue  # flake8's own, or another plugin's
        opt = known.get(key)
        if opt is None:
            names = list(keys)
            raise ConfigError(path, key, f"unknown option{_did_you_mean(key, names)} (known: {', '.join(names)})")
        values[opt.dest] = _typed(opt, value, path, key)
    return values


def _from_pyproject(path: str) -> dict[str, Any]:
    table = _pyproject(path).get("tool", {}).get("importguard", {})
    if not isinstance(table, dict):
        raise ConfigError(path, "tool.importguard", "expected a table")
    known = {opt.name: opt for opt in READ}
    values: dict[str, Any] = {}
    for key, value in table.items():
        opt = known.get(key)
        if opt is None:
            hint = _did_you_mean(key, list(known))
            raise ConfigError(path, f"tool.importguard.{key}", f"unknown option{hint} (known: {', '.join(known)})")
        values[opt.dest] = _typed(opt, value, path, f"tool.importguard.{key}")
    return values


def load(start: str, config: str | None = None, isolated: bool = False,
         extra: Sequence[str] = ()) -> dict[str, Any]:
    """Every SHARED and WALK option the configuration files set (dest -> value), the first file that sets
    one winning; `config`, `isolated` and `extra` as flake8's --config, --isolated, --append-config."""
    if isolated:
        return {}
    flake8_file = config or find_flake8_config(start)
    if config and not os.path.isfile(config):
        raise ConfigError(config, "--config", "no such file")
    values: dict[str, Any] = {}
    for path in reversed(list(extra)):  # flake8 reads them after its file: they win
        values.update({k: v for k, v in _from_flake8(path).items() if k not in values})
    for source in (flake8_file, find_pyproject(start)):
        if source is None:
            continue
        read = _from_flake8(source) if not source.endswith(".toml") else _from_pyproject(source)
        values.update({k: v for k, v in read.items() if k not in values})
    return values
