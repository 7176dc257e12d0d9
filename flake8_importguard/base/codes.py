"""THE table of codes. Message text exists only here; README and tests are checked against it.

A code's entry carries everything about it: its symbol and message template, its family (what
its findings mean for a suite: the report's sections and the CI formats' severity come from it),
what it flags and why it matters (the README's table), whether `--fix` can repair it and why it
leaves one alone. Nothing else in the package looks at how a code is spelled: it asks the table.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Callable

from flake8_importguard.base.model import Cause, Finding, Fix, FixKind, Hint, HintKind, Missing, NotFixed


STUB_MARKER = "importguard stub:"  # how every stub's NotImplementedError message begins (IMG301 looks for it)


class FixAvailability(str, enum.Enum):
    SOMETIMES = "sometimes"  # applied when exactly one candidate is convincing
    NONE = "none"


class Severity(str, enum.Enum):
    """How bad a finding is for CI (SARIF's levels; the GitHub and GitLab formats map them)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Family(enum.Enum):
    """What a code's findings mean for a suite. The value is how the family is spelled to people
    (its codes are `IMG1..`)."""

    BROKEN_IMPORT = "IMG1xx"  # the file cannot be collected
    PLACEHOLDER = "IMG2xx"  # a test-local stand-in hides first-party code
    STUB = "IMG3xx"  # a stub left to implement
    PATCH = "IMG4xx"  # a patch that fails as each test starts
    MISSING_ATTRIBUTE = "IMG10x"  # IMG103, IMG104: a test fails when it runs, on a gone attribute of a module, a class

    @property
    def severity(self) -> Severity:
        return SEVERITY[self]


SEVERITY: dict[Family, Severity] = {
    Family.BROKEN_IMPORT: Severity.ERROR, Family.PLACEHOLDER: Severity.WARNING,
    Family.STUB: Severity.NOTE, Family.PATCH: Severity.WARNING, Family.MISSING_ATTRIBUTE: Severity.ERROR,
}


@dataclass(frozen=True)
class Code:
    code: str
    symbol: str
    template: str  # str.format fields: name, module, hint, target, cause
    what: str  # what it flags, in a few words (the README's table)
    why: str  # why it matters (the README's table and the code's section)
    fix: FixAvailability
    family: Family
    no_repair: NotFixed = NotFixed.NO_CANDIDATE  # why --fix leaves alone a finding with no fix and no hint
    never_fixed: NotFixed | None = None  # why --fix never repairs it in the test file, whatever its hint
    stubs: bool = False  # `--stub` writes a failing stub of a name defined nowhere (lint/rules/imports.py)

    @property
    def severity(self) -> Severity:
        return self.family.severity


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "IMG101", "missing-module",
            "module '{module}' does not exist{hint}",
            "a first-party module that does not exist",
            "The test file cannot even be collected: every test in it stops giving feedback.",
            FixAvailability.SOMETIMES, Family.BROKEN_IMPORT, stubs=True,
        ),
        Code(
            "IMG102", "missing-name",
            "'{name}' is not defined in '{module}'{hint}",
            "a name the first-party module does not define",
            "The import raises ImportError at collection time: every test in the file is lost.",
            FixAvailability.SOMETIMES, Family.BROKEN_IMPORT, stubs=True,
        ),
        Code(
            "IMG103", "missing-attribute",
            "module '{module}' has no attribute '{name}'{hint}",
            "an attribute of a first-party module that the module does not define",
            "The test raises AttributeError only when it runs, far from the rename or move that broke it.",
            FixAvailability.SOMETIMES, Family.MISSING_ATTRIBUTE,
        ),
        Code(
            "IMG104", "missing-class-attribute",
            "class '{module}' has no attribute '{name}'{hint}",
            "an attribute of a first-party class that the class neither defines nor inherits",
            "AttributeError where it is read: at collection when the file reads it as it is imported "
            "(`parametrize([Plan.FREE])`), else when the test runs.",
            FixAvailability.SOMETIMES, Family.MISSING_ATTRIBUTE,
        ),
        Code(
            "IMG105", "broken-import-chain",
            "importing '{module}' fails: {cause}{hint}",
            "a first-party module whose own imports fail",
            "Importing the module raises at collection time: every test file that imports it is lost.",
            FixAvailability.NONE, Family.BROKEN_IMPORT, never_fixed=NotFixed.ELSEWHERE,
        ),
        Code(
            "IMG106", "order-dependent-import",
            "importing '{module}' fails unless another test has already imported '{target}': {cause}{hint}",
            "a first-party module that imports only after another test's failed import left part of it loaded",
            "Run alone (one file, the editor's run button, an xdist worker, a CI shard) the file is lost; "
            "a whole-suite run passes only by the luck of the order.",
            FixAvailability.NONE, Family.BROKEN_IMPORT, never_fixed=NotFixed.ELSEWHERE,
        ),
        Code(
            "IMG107", "unbound-name",
            "'{name}' is read as pytest imports the file, which does not bind it (NameError){hint}",
            "a name a test module or conftest reads as it is imported, and does not bind",
            "The file raises NameError at collection time: every test in it is lost (in a conftest, every "
            "test under it).",
            FixAvailability.SOMETIMES, Family.BROKEN_IMPORT,
        ),
        Code(
            "IMG201", "mock-placeholder",
            "'{name}' is a mock standing in for first-party code{hint}",
            "a mock standing in for a first-party class or function",
            "Tests now assert against a mock of code that may not exist: they test nothing.",
            FixAvailability.SOMETIMES, Family.PLACEHOLDER,
        ),
        Code(
            "IMG202", "invented-type",
            "'{name}' is a type invented in the test instead of imported{hint}",
            "a type invented in the test instead of imported",
            "The test checks its own invention, not the project's class or enum.",
            FixAvailability.SOMETIMES, Family.PLACEHOLDER,
        ),
        Code(
            "IMG203", "generic-alias",
            "'{name}' aliases a generic object under a project-specific name{hint}",
            "a generic object aliased under a project-specific name",
            "The shared base or helper the test expects is gone; the alias hides it.",
            FixAvailability.SOMETIMES, Family.PLACEHOLDER,
        ),
        Code(
            "IMG204", "swallowed-import-error",
            "ImportError of first-party '{module}' is swallowed{hint}",
            "an `ImportError` of a first-party import is swallowed",
            "The import fails forever and nobody is told: the test runs against a placeholder or not at all.",
            FixAvailability.SOMETIMES, Family.PLACEHOLDER,
            no_repair=NotFixed.NOT_SIMPLE,  # the import works, but the statement imports several names
        ),
        Code(
            "IMG205", "sys-modules-placeholder",
            "first-party module '{module}' is replaced in sys.modules{hint}",
            "a first-party module replaced in `sys.modules`",
            "Every import of the module now yields a mock: the real module is never tested.",
            FixAvailability.NONE, Family.PLACEHOLDER, no_repair=NotFixed.MANUAL,
        ),
        Code(
            "IMG206", "optional-first-party",
            "first-party module '{module}' is treated as optional{hint}",
            "`pytest.importorskip` of a first-party module",
            "When the module breaks, its tests are silently skipped instead of failing.",
            FixAvailability.NONE, Family.PLACEHOLDER, no_repair=NotFixed.MANUAL,
        ),
        Code(
            "IMG301", "stub-present",
            "stub '{name}' written by importguard is still present in '{module}'",
            "a stub written by `importguard --stub` is still there",
            "A stub marks missing work; it must be implemented, not forgotten.",
            FixAvailability.NONE, Family.STUB, no_repair=NotFixed.MANUAL,
        ),
        Code(
            "IMG401", "stale-patch-target",
            "patch target '{target}' does not exist: '{name}' is not defined in '{module}'{hint}",
            "a `mock.patch` or `monkeypatch` target that does not exist",
            "The patch raises AttributeError or ModuleNotFoundError as each test starts: the tests fail one by one, "
            "far from the cause.",
            FixAvailability.SOMETIMES, Family.PATCH,
        ),
    )
}


def quoted(items: tuple[str, ...], last: str = "or") -> str:
    """'a', 'b' or 'c'."""
    words = [f"'{item}'" for item in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def _are(items: tuple[str, ...]) -> str:
    return "is" if len(items) == 1 else "are"


def _patched(hint: Hint, finding: Finding) -> str:
    """Where the patched name is defined, and the modules that import it (where a patch of the
    name takes effect for the code that uses it)."""
    subject = finding.target.rpartition(".")[2] if finding.target else finding.name
    text = f"; '{subject}' is defined in {quoted(hint.candidates)}"
    if hint.lookups:
        text += f" and imported by {quoted(hint.lookups, 'and')}: patch it where the code under test looks it up"
    return text


def _homes(name: str, homes: tuple[str, ...]) -> str:
    return f"'{name}' is defined in {quoted(homes)}" if homes else f"'{name}' is defined nowhere in the project"


def _removed(h: Hint) -> str:
    """The commit that removed the last definition (git's history), when it is known."""
    if len(h.removed) != 3:
        return ""
    commit, date, subject = h.removed
    return f" any more: its definition was removed in commit {commit} ({date}, \"{subject}\")"


def _type_checking(h: Hint) -> str:
    origin = f", from '{h.module}'" if h.module else ""
    return f"; it is imported there only under TYPE_CHECKING{origin}"


def _fallback(h: Hint, what: str) -> str:
    return (f"; its fallback {quoted(h.candidates)} {what}: wherever the import fails, the tests run against "
            "a placeholder instead of being skipped")


@dataclass(frozen=True)
class HintWords:
    """A kind of hint: its words after the message, and why `--fix` leaves alone a finding that
    carries it and no fix."""

    text: Callable[[Hint, Finding], str]
    not_fixed: NotFixed


HINTS: dict[HintKind, HintWords] = {
    HintKind.NEAR: HintWords(lambda h, f: f"; did you mean {quoted(h.candidates)}?", NotFixed.CANDIDATES),
    HintKind.LIVES_IN: HintWords(lambda h, f: f"; {_homes(f.name, h.candidates)}", NotFixed.CANDIDATES),
    HintKind.TYPE_CHECKING: HintWords(lambda h, f: _type_checking(h), NotFixed.CANDIDATES),
    HintKind.MODULE_NEAR: HintWords(lambda h, f: f"; did you mean {quoted(h.candidates)}?", NotFixed.CANDIDATES),
    HintKind.NAMES_LIVE_IN: HintWords(lambda h, f: (
        f"; {quoted(h.candidates, 'and')} {_are(h.candidates)} defined in '{h.module}'"), NotFixed.CANDIDATES),
    HintKind.NOWHERE: HintWords(lambda h, f: (
        f"; {quoted(h.candidates, 'and')} {_are(h.candidates)} defined nowhere in the project" + _removed(h)),
        NotFixed.NOTHING_TO_IMPORT),
    HintKind.PATCH_WHERE: HintWords(_patched, NotFixed.NOT_SUPPORTED),  # a module in the middle, or patch.object's
    HintKind.INSTANCE_ONLY: HintWords(lambda h, f: (  # patch an instance, or create=True: a person decides
        f"; it is set on instances only (in {quoted(h.candidates)}): "
        + ("patch" if CODES[f.code].family is Family.PATCH else "read it on") + " an instance, not the class"),
        NotFixed.MANUAL),
    HintKind.PER_NAME: HintWords(lambda h, f: "".join(f"; {_homes(name, homes)}" for name, homes in h.homes),
                                 NotFixed.NOT_SUPPORTED),
    HintKind.CASE: HintWords(
        lambda h, f: f"; the file is '{h.module}': import names match file names case-sensitively", NotFixed.MANUAL),
    HintKind.OUTSIDE: HintWords(lambda h, f: (
        f"; '{f.name}' is not the project's: its code imports it from {quoted(h.candidates)}"), NotFixed.CANDIDATES),
    HintKind.MODULE: HintWords(lambda h, f: (
        f"; '{f.name}' is {h.module}: import it"), NotFixed.CANDIDATES),
    HintKind.STAR_ALL: HintWords(lambda h, f: (
        f"; its __all__ lists it: `from {f.module} import *` raises AttributeError"), NotFixed.NOT_SUPPORTED),
    HintKind.RENAMED_ELSEWHERE: HintWords(lambda h, f: (
        f"; {quoted(h.candidates)} is defined nowhere in the project; did you mean "
        + " or ".join(f"'{name}' in '{modules[0]}'" for name, modules in h.homes) + "?"), NotFixed.RENAMED),
    # a placeholder fallback of an import that may fail elsewhere: a skip, not the bare import
    HintKind.FALLBACK_MOCK: HintWords(lambda h, f: _fallback(h, "is a mock"), NotFixed.OPTIONAL),
    HintKind.FALLBACK_TYPE: HintWords(lambda h, f: _fallback(h, "is a type invented in the test"), NotFixed.OPTIONAL),
    HintKind.FALLBACK_ALIAS: HintWords(lambda h, f: _fallback(h, "aliases a generic object"), NotFixed.OPTIONAL),
}

_NAME_FROM = "{file}:{line} imports '{name}' from '{module}', which "
_MODULE = "{file}:{line} imports '{module}', which does not exist"
CAUSES: dict[Missing, str] = {  # IMG105, IMG106: the import that really fails
    Missing.NO_NAME: _NAME_FROM + "does not define it",
    Missing.TYPE_CHECKING: _NAME_FROM + "imports it only under TYPE_CHECKING",
    Missing.NO_MODULE: _MODULE,
    Missing.NOT_A_PACKAGE: _MODULE + " (its parent is not a package)",
    Missing.CASE: _MODULE + ": the file is '{real}' (import names match file names case-sensitively)",
    Missing.CYCLE: _NAME_FROM + "is only partly initialised then (an import cycle) and has not bound it yet",
    Missing.STAR_ALL: "{file}:{line} star-imports '{module}', whose __all__ lists '{name}', which it does not define",
    Missing.UNBOUND: "{file}:{line} reads '{name}', which '{module}' does not bind when it runs (NameError)",
}


def fails_collection(finding: Finding) -> bool:
    """Does the finding keep its file from being imported (collected): a code of the family
    BROKEN_IMPORT, or a missing attribute read whenever the module is imported?"""
    return CODES[finding.code].family is Family.BROKEN_IMPORT or finding.at_import


def render_cause(cause: Cause | None) -> str:
    if cause is None:
        return ""
    return CAUSES[cause.reason].format(file=cause.file, line=cause.line, module=cause.module, name=cause.name,
                                       real=cause.real)


_SHAPE = "not fixed: the fixer does not rewrite statements of this shape"
NOT_FIXED: dict[NotFixed, str] = {
    NotFixed.CANDIDATES: "not fixed: no single candidate is convincing",
    NotFixed.DISTANT: "not fixed: the candidate differs by more than a typo or added or dropped words",
    NotFixed.KIND: "not fixed: the candidate is not the same kind of symbol as the test's use",
    NotFixed.BOUND: "not fixed: the file already binds the candidate's name",
    NotFixed.THIRD_PARTY: "not fixed: the module is an installed package, not the project's",
    NotFixed.NOT_IMPORTED: "not fixed: the file does not import the module where it lives",
    NotFixed.LOOKED_UP: "not fixed: other modules import it too; patch it where the code under test looks it up",
    NotFixed.STUB: "not fixed: defined nowhere; 'importguard --stub' writes a failing stub where the test expects it",
    NotFixed.NOT_FOUND: _SHAPE,
    NotFixed.NOT_SUPPORTED: _SHAPE,
    NotFixed.NOT_SIMPLE: _SHAPE,
    NotFixed.CONFLICT: "not fixed: two fixes want the same import",
    NotFixed.TRY_PARTIAL: "not fixed: the try block also imports names that have no certain fix",
    NotFixed.TRY_DOES_MORE: "not fixed: the except block binds names the import does not",
    NotFixed.UNPARSABLE: "not fixed: the file does not parse",
    NotFixed.OUTPUT_UNPARSABLE: "not fixed: the rewrite would not parse",
    NotFixed.INTERNAL_ERROR: "not fixed: the rewrite failed",
    NotFixed.NEW_FINDINGS: "not fixed: the rewritten import would fail too",
    NotFixed.OUTSIDE_ROOT: "not fixed: the file is outside the project root",
    NotFixed.NO_STUB_TARGET: "no stub: the expected module is not first-party source inside the project",
    NotFixed.NOT_A_PACKAGE: "no stub: the expected module's parent is a module, not a package",
    NotFixed.NO_STUB_SHAPE: "no stub: a constant cannot fail when it is read",
    NotFixed.NO_ROOM: "no stub: the module does not parse, or binds a name the stub needs ('enum') otherwise",
    NotFixed.ELSEWHERE: "not fixed: the import that fails is in another file; fix it there",
    NotFixed.NOTHING_TO_IMPORT: "not fixed: defined nowhere in the project, so there is nothing to import",
    NotFixed.MANUAL: "not fixed: only a person can say what the test should do instead",
    NotFixed.NO_CANDIDATE: "not fixed: the project has nothing to import instead",
    NotFixed.RENAMED: "not fixed: a name renamed and moved at once is a guess; import the new name under the old "
                      "one if it is the same thing",
    NotFixed.NOT_REQUIRED: "not fixed: the project does not require the package it comes from; it may be missing "
                           "where the tests run",
    NotFixed.OPTIONAL: "not fixed: the import may fail where a dependency is missing; skip the tests there "
                       "(pytest.importorskip) instead of running them against a placeholder",
}


# What a certain fix does, in a few words (SARIF's fix descriptions).
FIXES: dict[FixKind, str] = {
    FixKind.ALIAS: "import '{target_name}' as '{name}'",
    FixKind.MOVE: "import '{name}' from '{target_module}'",
    FixKind.MOVE_MODULE: "import from '{target_module}'",
    FixKind.REPLACE_PLACEHOLDER: "import the real '{name}' from '{target_module}'",
    FixKind.STUB: "write a failing stub of '{name}' in '{target_module}'",
    FixKind.PATCH_TARGET: "patch '{target_name}' instead of '{name}'",
    FixKind.ATTRIBUTE: "read '{target_name}' instead of '{name}'",
    FixKind.ADD_IMPORT: "import '{name}' from '{target_module}'",
}


def render_fix(fix: Fix) -> str:
    if fix.kind is FixKind.ADD_IMPORT and not fix.target_name:
        return f"import '{fix.target_module}'"
    return FIXES[fix.kind].format(name=fix.name, target_module=fix.target_module, target_name=fix.target_name)


def why_not(finding: Finding) -> NotFixed:
    """Why `--fix` leaves a finding alone on its own: its fix's doubt, else its code's or its hint's reason."""
    if finding.fix is not None:
        return NotFixed.STUB if finding.fix.kind is FixKind.STUB else finding.fix.doubt or NotFixed.CANDIDATES
    code = CODES[finding.code]
    if code.never_fixed is not None:
        return code.never_fixed
    return HINTS[finding.hint.kind].not_fixed if finding.hint is not None else code.no_repair


# NEW_FINDINGS, said with what the rewrite would raise: the home's own failing import (as IMG105
# says it), or the rewrite's own finding.
HOME_FAILS = "not fixed: '{name}' is defined in '{module}', but importing it fails: {cause}"
REWRITE_FAILS = "not fixed: the rewritten import would fail too: {finding}"
REWRITE_FINDS = "not fixed: the rewrite would have a finding of its own: {finding}"


def render_not_fixed(reason: NotFixed, finding: Finding | None = None, refusal: Finding | None = None) -> str:
    """`refusal`: what the rewrite of `finding` would raise (NEW_FINDINGS only)."""
    if reason is NotFixed.NEW_FINDINGS and refusal is not None:
        fix = finding.fix if finding is not None else None
        if refusal.cause is not None and fix is not None and fix.target_module:
            return "[" + HOME_FAILS.format(name=fix.target_name or fix.name, module=fix.target_module,
                                           cause=render_cause(refusal.cause)) + "]"
        said = REWRITE_FAILS if CODES[refusal.code].family is Family.BROKEN_IMPORT else REWRITE_FINDS
        return "[" + said.format(finding=render(refusal)) + "]"
    return f"[{NOT_FIXED[reason]}]"


def render(finding: Finding) -> str:
    """'IMG102 message' for one finding."""
    code = CODES[finding.code]
    hint = HINTS[finding.hint.kind].text(finding.hint, finding) if finding.hint else ""
    text = code.template.format(name=finding.name, module=finding.module, hint=hint, target=finding.target,
                                cause=render_cause(finding.cause))
    return f"{finding.code} {text}"


# -- where the front ends show findings (pytest's collection errors, the language server) ----------
FAILS_IMPORT = ("IMG101", "IMG102", "IMG105")  # the codes of imports that raise ImportError when run
PYTEST_SECTION = "importguard"  # the title of the section added to a collection error
PYTEST_FIX = "`importguard --fix {path}` rewrites {what}"
PYTEST_FAILED = "importguard: {count} finding{s}; the tests were not collected"
FIX_ALL = "Fix all importguard findings in the file"


def render_action(fix: Fix) -> str:
    """The title of an editor's code action for a certain fix ("Import 'Thread' from 'app.db.models_agent'")."""
    text = render_fix(fix)
    return text[:1].upper() + text[1:]


def render_pytest_fix(path: str, fixable: int) -> str:
    return PYTEST_FIX.format(path=path, what="it" if fixable == 1 else "them")


def render_pytest_failed(count: int) -> str:
    return PYTEST_FAILED.format(count=count, s="s" * (count != 1))
