"""The data that flows between the core and its front ends, and the kinds it is made of.

Every kind of this data is an enum defined here once (a code's family and severity are the codes
table's, codes.py). The `str` enums are also plain strings, so that the cached summaries (JSON)
and the fix data compare and serialize as their values.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Verdict(enum.Enum):
    EXISTS = "exists"
    MISSING = "missing"
    UNKNOWN = "unknown"  # the tool cannot be sure: stay silent


class SymbolKind(str, enum.Enum):
    """What a module binds a name to (summaries), or what a test's use of a name asks for."""

    CLASS = "class"
    FUNCTION = "function"
    VARIABLE = "variable"
    IMPORT = "import"
    MODULE = "module"


class ObjectKind(str, enum.Enum):
    """What a dotted path names, as far as the tool follows it (objects.py)."""

    MODULE = "module"
    CLASS = "class"


class Missing(str, enum.Enum):
    """Why the resolver says MISSING."""

    NO_MODULE = "no-module"
    NOT_A_PACKAGE = "not-a-package"  # `import pkg.mod.sub` where `pkg.mod` is a plain module
    NO_NAME = "no-name"
    TYPE_CHECKING = "type-checking"  # bound only under `if TYPE_CHECKING:`
    CASE = "case"  # only a file whose name differs in case is there (`User.py` for `user`)
    CYCLE = "cycle"  # the module is partly initialised when the import runs (an import cycle)
    STAR_ALL = "star-all"  # `from module import *`: its `__all__` lists the name, which it does not define
    UNBOUND = "unbound"  # the module reads the name as it runs, and does not bind it then (NameError)


class HintKind(str, enum.Enum):
    NEAR, MODULE_NEAR = "near", "module-near"  # did you mean one of these names / modules?
    LIVES_IN, NAMES_LIVE_IN = "lives-in", "names-live-in"  # the name / every imported name is defined there
    TYPE_CHECKING = "type-checking"  # imported there only for type checkers
    NOWHERE = "nowhere"  # defined nowhere in the project
    PATCH_WHERE = "patch-where"  # defined in `candidates`; `lookups` import it (a patch takes effect there)
    INSTANCE_ONLY = "instance-only"  # set on the class's instances (`self.x = ...`), not on the class
    PER_NAME = "per-name"  # the names of a missing module's statement live in different places
    CASE = "case"  # the module's file exists under another case (`User.py`)
    OUTSIDE = "outside"  # defined nowhere in the project; first-party code imports it from `candidates`
    STAR_ALL = "star-all"  # a star import: the module's `__all__` lists the name, which it does not define
    MODULE = "module"  # IMG107: the name is a module of the standard library or an installed one: `import name`
    RENAMED_ELSEWHERE = "renamed-elsewhere"  # defined nowhere; `homes`: (new name, (its module,)) that read as renames
    # IMG204 of an import that may fail elsewhere: the name in `candidates` falls back to a placeholder
    FALLBACK_MOCK, FALLBACK_TYPE, FALLBACK_ALIAS = "fallback-mock", "fallback-type", "fallback-alias"


class FixKind(str, enum.Enum):
    ALIAS = "alias"  # `from m import Real as Wanted`
    MOVE = "move"  # the name is imported from the module where it lives now
    MOVE_MODULE = "move-module"  # the statement's module is rewritten
    REPLACE_PLACEHOLDER = "replace-placeholder"  # `Thread = Mock` becomes the real import
    STUB = "stub"  # `--stub` writes a failing stub where the test expects the name
    PATCH_TARGET = "patch-target"  # the string literal `name` on the line becomes `target_name`
    # `from <target_module> import <target_name>` joins the import block (IMG107); `import <target_module>`
    # when there is no target_name (the name is a module's)
    ADD_IMPORT = "add-import"
    ATTRIBUTE = "attribute"  # the attribute chain `name` (as written) on the line becomes `target_name`


class NotFixed(str, enum.Enum):
    """Why a finding was left alone by `importguard --fix` (codes.NOT_FIXED words each)."""

    # the rule's doubts about the repair
    CANDIDATES, DISTANT, KIND, BOUND = "candidates", "distant", "kind", "bound"
    THIRD_PARTY, STUB = "third-party", "stub"
    NOT_IMPORTED, LOOKED_UP = "not-imported", "looked-up"  # IMG103's move, IMG401's move
    # the fixer's: the statement, the rewrite
    NOT_FOUND, NOT_SUPPORTED, NOT_SIMPLE, CONFLICT = "not-found", "not-supported", "not-simple", "conflict"
    TRY_PARTIAL, TRY_DOES_MORE = "try-partial", "try-does-more"
    UNPARSABLE, OUTPUT_UNPARSABLE, INTERNAL_ERROR = "unparsable", "output-unparsable", "internal-error"
    NEW_FINDINGS, OUTSIDE_ROOT = "new-findings", "outside-root"
    # the stub writer's
    NO_STUB_TARGET, NOT_A_PACKAGE = "no-stub-target", "not-a-package"
    NO_STUB_SHAPE, NO_ROOM = "no-stub-shape", "no-room"
    # findings no rewrite of the test can repair
    ELSEWHERE, NOTHING_TO_IMPORT, MANUAL = "elsewhere", "nothing-to-import", "manual"
    RENAMED = "renamed"  # renamed and moved at once: only a guess
    NOT_REQUIRED = "not-required"  # the package a name comes from is not one the project requires
    OPTIONAL = "optional"  # the import may fail elsewhere: a skip, not the bare import, replaces the placeholder
    NO_CANDIDATE = "no-candidate"


@dataclass(frozen=True)
class Resolution:
    """What the resolver says about one module or one name in a module."""

    verdict: Verdict
    module: str = ""  # the module that was asked about (absolute)
    reason: Missing | None = None  # why MISSING


@dataclass(frozen=True)
class Hint:
    """The best repair known for a finding. Rendered to text only by codes.py."""

    kind: HintKind
    candidates: tuple[str, ...] = ()  # names or modules, best first
    module: str = ""  # NAMES_LIVE_IN: the module that defines every imported name; TYPE_CHECKING: where
    # the module imports the name from for type checkers; CASE: the file that is there
    lookups: tuple[str, ...] = ()  # PATCH_WHERE: the modules that import the name
    homes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # PER_NAME: (name, its homes best first) each
    removed: tuple[str, ...] = ()  # NOWHERE of one name: (short hash, date, subject) of the commit that removed it


@dataclass(frozen=True)
class Cause:
    """The import that really fails when a test imports a module through a chain (IMG105): the
    statement at `file`:`line` (relative to the project root) imports `name` from `module`, or
    the module itself when `name` is "". `where` is what a report counts test files by."""

    file: str
    line: int
    module: str
    name: str = ""
    reason: Missing = Missing.NO_NAME
    real: str = ""  # CASE: the file that is there instead

    @property
    def where(self) -> tuple[str, int]:
        return self.file, self.line


@dataclass(frozen=True)
class Fix:
    """A rewrite of one statement (the fixer applies it). Data, never text edits."""

    kind: FixKind
    line: int
    name: str = ""  # the name the test uses
    target_module: str = ""  # where the real symbol lives
    target_name: str = ""  # the real symbol's name there
    certain: bool = False
    doubt: NotFixed | None = None  # why not certain


@dataclass(frozen=True)
class Finding:
    code: str
    line: int
    col: int
    name: str = ""
    module: str = ""
    hint: Hint | None = None
    fix: Fix | None = None
    target: str = ""  # IMG401: the patch target as the test spells it; IMG106: what an earlier test must import
    cause: Cause | None = None  # IMG105: the root cause (not part of `key`)
    at_import: bool = False  # IMG103, IMG107: read whenever the module is imported, so the file cannot be collected

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies a finding across rewrites of its file (lines move, this does not)."""
        return self.code, self.name, self.module

    @property
    def fixable(self) -> bool:
        """Does `--fix` apply it on its own (certain, and not a stub)?"""
        return self.fix is not None and self.fix.certain and self.fix.kind is not FixKind.STUB
