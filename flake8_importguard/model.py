"""The data that flows between the core and its front ends."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Verdict(enum.Enum):
    EXISTS = "exists"
    MISSING = "missing"
    UNKNOWN = "unknown"  # the tool cannot be sure: stay silent


@dataclass(frozen=True)
class Resolution:
    """What the resolver says about one module or one name in a module."""

    verdict: Verdict
    module: str = ""  # the module that was asked about (absolute)
    reason: str = ""  # why MISSING / UNKNOWN, e.g. "type-checking-only", "not-a-package"


@dataclass(frozen=True)
class Hint:
    """The best repair known for a finding. Rendered to text only by codes.py."""

    kind: str  # "near" | "lives-in" | "type-checking" | "module-near" | "names-live-in" | "nowhere"
    candidates: tuple[str, ...] = ()  # names or modules, best first
    module: str = ""  # for "names-live-in": the one module that defines every imported name


@dataclass(frozen=True)
class Fix:
    """A rewrite of one import statement (the fixer applies it). Data, never text edits."""

    kind: str  # "alias" | "move" | "move-module" | "replace-placeholder" | "stub"
    line: int
    name: str = ""  # the name the test uses
    target_module: str = ""  # where the real symbol lives
    target_name: str = ""  # the real symbol's name there
    certain: bool = False
    doubt: str = ""  # why not certain: "candidates" | "distant" | "kind" | "bound" | "third-party" (codes.NOT_FIXED)


@dataclass(frozen=True)
class Finding:
    code: str
    line: int
    col: int
    name: str = ""
    module: str = ""
    hint: Hint | None = None
    fix: Fix | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
