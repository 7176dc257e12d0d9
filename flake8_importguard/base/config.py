"""One option list feeding flake8's option manager, the importguard argparse and the configuration
files (configfile.py) -> frozen Settings.

A SHARED option is the same setting everywhere: `--importguard-<name>` for flake8, `--<name>` for
the importguard command, `importguard-<name>` in flake8's configuration file and `<name>` in
pyproject.toml's `[tool.importguard]`. A COMMAND option belongs to the importguard command's
command line only (output formats, baselines, changed files). A WALK option says which files to
check, as flake8's own of that name (`exclude`): under flake8, flake8 applies its own; the
importguard command and its report take `--<name>`, `importguard-<name>` in flake8's configuration
file and `<name>` in `[tool.importguard]` (not flake8's `exclude` key: a project may keep flake8
off its tests and want them checked here).
"""
from __future__ import annotations

import argparse
import enum
import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from flake8_importguard.base.files import DEFAULT_EXCLUDE, Excluded

DEFAULT_TEST_PATTERNS = ("tests/", "test/", "test_*.py", "*_test.py", "conftest.py")
FORMATS = ("text", "json", "github", "gitlab", "sarif")


class OptionKind(str, enum.Enum):
    BOOL, LIST = "bool", "list"  # a switch; comma-separated names
    PATH, PATHS = "path", "paths"  # a path; comma-separated paths (relative to the project root)
    TEXT, CHOICE = "text", "choice"  # a word (a git ref); one of `choices`
    PATTERNS = "patterns"  # comma-separated glob patterns; one holding a `/` is a path (from the configuration
    # file's directory, or the current one), as flake8 reads its `exclude`


class Scope(str, enum.Enum):
    SHARED = "shared"  # flake8, the command and the configuration files
    COMMAND = "command"  # the importguard command line only
    WALK = "walk"  # which files to check, as flake8's own of that name: the command's and the configuration files'


@dataclass(frozen=True)
class Option:
    dest: str  # attribute on Settings (SHARED) or on the command's arguments (COMMAND)
    kind: OptionKind
    help: str
    scope: Scope = Scope.SHARED
    choices: tuple[str, ...] = ()
    default: str = ""
    metavar: str = ""  # on the command line (default: by kind)
    parse: Callable[[str], Any] | None = None  # the command line's value from its text (a ValueError: a usage error)

    @property
    def name(self) -> str:
        """The option's name in `[tool.importguard]` and on the importguard command line."""
        return self.dest.replace("_", "-")

    @property
    def flag(self) -> str:
        """flake8's spelling (and flake8's configuration key) of a SHARED option; the command's of the others."""
        return ("importguard-" if self.scope is Scope.SHARED else "") + self.name


@dataclass(frozen=True)
class Shard:
    """`--shard K/N`: the K-th (from 1) of N shares of the files to check, chosen by each file's
    path relative to its project root, so that every checkout (another directory, another machine)
    splits the files alike and N jobs together check each file once."""

    index: int
    count: int

    def holds(self, relative: str) -> bool:
        import hashlib  # not at import: the flake8 plugin's start never needs it

        digest = hashlib.blake2b(relative.encode("utf-8", "surrogateescape"), digest_size=8).digest()
        return int.from_bytes(digest, "big") % self.count == self.index - 1


def shard(text: str) -> Shard:
    """`--shard` as argparse reads it: K/N with 1 <= K <= N."""
    index, slash, count = text.partition("/")
    value = Shard(int(index), int(count))  # argparse turns a ValueError into a usage error
    if not slash or not 1 <= value.index <= value.count:
        raise ValueError(text)
    return value


_PATTERNS_HELP = ("which files are test files: dir/ matches a directory name anywhere in the path, a pattern "
                  "with / the path from the root, anything else the file name "
                  f"(default: {','.join(DEFAULT_TEST_PATTERNS)})")
# The README's options table says the same (tests/test_docs.py): each help without its "(default: ...)".
OPTIONS = (
    Option("root", OptionKind.PATH,
           "the project root; one that is not an existing directory is an error (exit 2) "
           "(default: nearest parent with pyproject.toml, setup.py, setup.cfg or .git)"),
    Option("first_party", OptionKind.LIST,
           "top-level names that are first-party even where no source is found (then a missing one is IMG101; "
           "the fixer puts their imports in the first-party section)"),
    Option("src", OptionKind.PATHS, "extra source directories, relative to the project root"),
    Option("test_patterns", OptionKind.LIST, _PATTERNS_HELP, metavar="PATTERNS"),
    Option("all_files", OptionKind.BOOL, "check every file, not only test files"),
    Option("third_party", OptionKind.BOOL,
           "also check names imported from installed third-party packages (never whether they are installed)"),
    Option("cache_dir", OptionKind.PATH, "where the project index cache lives (default: <root>/.importguard_cache)"),
    Option("no_cache", OptionKind.BOOL, "do not read or write the project index cache"),
    Option("baseline", OptionKind.PATH, "a baseline file: the findings it records are not reported", metavar="FILE"),
    # flake8's own: which files to check
    Option("exclude", OptionKind.PATTERNS,
           "comma-separated glob patterns of files and directories not to check, matched against the name and "
           f"the absolute path, as flake8's (default: {','.join(DEFAULT_EXCLUDE)})", Scope.WALK),
    Option("extend_exclude", OptionKind.PATTERNS, "patterns not to check, besides --exclude", Scope.WALK),
    # the importguard command's own
    Option("format", OptionKind.CHOICE, f"output format: {', '.join(FORMATS)} (default: text)",
           Scope.COMMAND, FORMATS, "text"),
    Option("output_file", OptionKind.PATH, "write the findings to this file instead of standard output",
           Scope.COMMAND, metavar="FILE"),
    Option("statistics", OptionKind.BOOL, "count the findings of each code", Scope.COMMAND),
    Option("write_baseline", OptionKind.PATH,
           "record today's findings in this baseline file (findings that are gone are dropped)", Scope.COMMAND,
           metavar="FILE"),
    Option("changed", OptionKind.BOOL,
           "check the test files that the staged changes reach (and the files named, taken as changed)",
           Scope.COMMAND),
    Option("changed_since", OptionKind.TEXT,
           "check the test files that the changes since this git ref reach (committed or not)", Scope.COMMAND),
    Option("config", OptionKind.PATH, "the flake8 configuration file to read (default: found as flake8 finds it)",
           Scope.COMMAND, metavar="FILE"),
    Option("isolated", OptionKind.BOOL, "read no configuration file", Scope.COMMAND),
    Option("shard", OptionKind.TEXT,
           "check only the K-th of N shares of the files, split by their path from the project root (the same "
           "split in every checkout: N CI jobs check each file once)", Scope.COMMAND, metavar="K/N", parse=shard),
)
SHARED = tuple(opt for opt in OPTIONS if opt.scope is Scope.SHARED)
WALK = tuple(opt for opt in OPTIONS if opt.scope is Scope.WALK)
READ = SHARED + WALK  # what the configuration files may set
CONFIGURATION = tuple(opt for opt in OPTIONS if opt.dest in ("config", "isolated"))  # which files are read
_METAVARS = {OptionKind.LIST: "NAMES", OptionKind.PATHS: "PATHS", OptionKind.PATH: "PATH", OptionKind.TEXT: "REF",
             OptionKind.PATTERNS: "PATTERNS"}


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
    baseline: str = ""
    select: tuple[str, ...] = ()  # code prefixes to check (flake8's selection, or --select); () = all

    def selects(self, code: str) -> bool:
        return not self.select or code.startswith(self.select)


def split(value: Any) -> tuple[str, ...]:
    """Comma- (or newline-) separated text, or a list, as a tuple of stripped items."""
    if not value:
        return ()
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    return tuple(item.strip() for item in value if item and item.strip())


def _given(raw: Any) -> bool:
    return raw is not None and raw != () and raw != [] and raw is not False


def settings_from(namespace: Any, configured: Mapping[str, Any] | None = None) -> Settings:
    """Settings from a parsed command line (flake8's options or importguard's arguments), and for
    what it does not give, from the configuration files (`configfile.load`), then the defaults."""
    values: dict[str, Any] = {}
    for opt in SHARED:
        raw = getattr(namespace, opt.dest, None)
        if not _given(raw) and configured is not None:
            raw = configured.get(opt.dest)
        if opt.kind is OptionKind.BOOL:
            values[opt.dest] = bool(raw)
        elif opt.kind is OptionKind.PATH:
            values[opt.dest] = os.path.abspath(raw) if raw else ""
        else:
            values[opt.dest] = split(raw)
    if not values["test_patterns"]:
        values["test_patterns"] = DEFAULT_TEST_PATTERNS
    return Settings(**values)


def patterns(value: Any, parent: str) -> tuple[str, ...]:
    """flake8's reading of `exclude`: a pattern holding a path separator (or `.`) is a path from
    `parent`, made absolute; the others match names."""
    found = []
    for item in split(value):
        if item == "." or os.sep in item or (os.altsep and os.altsep in item):
            item = os.path.abspath(os.path.join(parent, item))
        found.append(item.rstrip(os.sep + (os.altsep or "")) or item)
    return tuple(found)


def exclusion(namespace: Any, configured: Mapping[str, Any] | None = None) -> Excluded:
    """What the command leaves out of its walk: `--exclude` (else the configuration's, else flake8's
    default) and `--extend-exclude` (else the configuration's)."""
    configured = configured or {}
    values = {opt.dest: patterns(getattr(namespace, opt.dest, None), os.getcwd()) or configured.get(opt.dest, ())
              for opt in WALK}
    return Excluded((values["exclude"] or DEFAULT_EXCLUDE) + values["extend_exclude"])


class SettingsError(ValueError):
    """Settings that cannot be used (a front end says so and exits 2)."""


def check(settings: Settings) -> Settings:
    """`settings`, or SettingsError: a root given must be a directory (else a mistyped root would
    make a project of nothing and write its cache there)."""
    if settings.root and not os.path.isdir(settings.root):
        raise SettingsError(f"root {settings.root!r} is not a directory")
    return settings


def register_flake8(option_manager: Any) -> None:
    """The SHARED options on flake8's command line. flake8 does not read them from its configuration
    file: configfile.py does, for flake8 and the command alike (one reader, one set of messages)."""
    for opt in SHARED:
        kwargs: dict[str, Any] = {"dest": opt.dest, "help": opt.help, "parse_from_config": False}
        if opt.kind is OptionKind.BOOL:
            kwargs.update(action="store_true", default=None)
        else:
            kwargs.update(default=None)
        option_manager.add_option("--" + opt.flag, **kwargs)


def register_argparse(parser: argparse.ArgumentParser, options: tuple[Option, ...] = OPTIONS) -> None:
    for opt in options:
        flag = "--" + opt.name
        if opt.kind is OptionKind.BOOL:
            parser.add_argument(flag, dest=opt.dest, action="store_true", default=None, help=opt.help)
        elif opt.kind is OptionKind.CHOICE:
            parser.add_argument(flag, dest=opt.dest, choices=opt.choices, default=opt.default, help=opt.help)
        elif opt.parse is not None:
            parser.add_argument(flag, dest=opt.dest, default=None, metavar=opt.metavar, type=opt.parse, help=opt.help)
        else:
            parser.add_argument(flag, dest=opt.dest, default=None, metavar=opt.metavar or _METAVARS[opt.kind],
                                help=opt.help)
