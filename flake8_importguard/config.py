"""One option list feeding flake8's option manager and the importguard argparse -> frozen Settings."""
from __future__ import annotations

import argparse
import enum
from dataclasses import dataclass
from typing import Any

DEFAULT_TEST_PATTERNS = ("tests/", "test/", "test_*.py", "*_test.py", "conftest.py")


class OptionKind(str, enum.Enum):
    BOOL, LIST = "bool", "list"  # a switch; comma-separated names
    PATH, PATHS = "path", "paths"  # a path; comma-separated paths (relative to the project root)


@dataclass(frozen=True)
class Option:
    dest: str  # attribute on Settings; the flag is `--importguard-<dest with dashes>`
    kind: OptionKind
    help: str

    @property
    def flag(self) -> str:
        return "importguard-" + self.dest.replace("_", "-")


_PATTERNS_HELP = ("which files are test files: 'dir/' matches a directory name, other patterns a file name "
                  f"(default: {','.join(DEFAULT_TEST_PATTERNS)})")
OPTIONS = (
    Option("root", OptionKind.PATH,
           "project root (default: nearest parent with pyproject.toml, setup.py, setup.cfg or .git)"),
    Option("first_party", OptionKind.LIST,
           "extra top-level names that are first-party even where no source is found (comma-separated)"),
    Option("src", OptionKind.PATHS, "extra source directories, relative to the project root (comma-separated)"),
    Option("test_patterns", OptionKind.LIST, _PATTERNS_HELP),
    Option("all_files", OptionKind.BOOL, "check every file, not only test files"),
    Option("third_party", OptionKind.BOOL,
           "also check names imported from installed third-party packages (never their existence)"),
    Option("cache_dir", OptionKind.PATH, "where the project index cache lives (default: <root>/.importguard_cache)"),
    Option("no_cache", OptionKind.BOOL, "do not read or write the project index cache"),
)


@dataclass(frozen=True)
class Settings:
    root: str = ""
    first_party: tuple[str, ...] = ()
    src: tuple[str, ...] = ()
    test_patterns: tuple[str, ...] = DEFAULT_TEST_PATTERNS
    all_files: bool = False
    third_party: bool = False
    cache_dir: str = ""
    no_cache: bool = False
    select: tuple[str, ...] = ()  # code prefixes to check (flake8's selection, or --select); () = all

    def selects(self, code: str) -> bool:
        return not self.select or code.startswith(self.select)


def _split(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(item.strip() for item in value if item and item.strip())


def settings_from(namespace: Any) -> Settings:
    """Build Settings from a parsed namespace (flake8's options or importguard's argparse)."""
    values: dict[str, Any] = {}
    for opt in OPTIONS:
        raw = getattr(namespace, opt.dest, None)
        if opt.kind is OptionKind.BOOL:
            values[opt.dest] = bool(raw)
        elif opt.kind is OptionKind.PATH:
            values[opt.dest] = str(raw or "")
        else:
            values[opt.dest] = _split(raw)
    if not values["test_patterns"]:
        values["test_patterns"] = DEFAULT_TEST_PATTERNS
    return Settings(**values)


def register_flake8(option_manager: Any) -> None:
    for opt in OPTIONS:
        kwargs: dict[str, Any] = {"dest": opt.dest, "help": opt.help, "parse_from_config": True}
        if opt.kind is OptionKind.BOOL:
            kwargs.update(action="store_true", default=False)
        else:
            kwargs.update(default=None)
            if opt.kind in (OptionKind.LIST, OptionKind.PATHS):
                kwargs["comma_separated_list"] = True
            if opt.kind is OptionKind.PATH:
                kwargs["normalize_paths"] = True
        option_manager.add_option("--" + opt.flag, **kwargs)


def register_argparse(parser: argparse.ArgumentParser) -> None:
    for opt in OPTIONS:
        flag = "--" + opt.flag.removeprefix("importguard-")
        if opt.kind is OptionKind.BOOL:
            parser.add_argument(flag, dest=opt.dest, action="store_true", help=opt.help)
        else:
            parser.add_argument(flag, dest=opt.dest, default=None, help=opt.help)
