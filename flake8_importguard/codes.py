"""THE table of codes. Message text exists only here; README and tests are checked against it."""
from __future__ import annotations

from dataclasses import dataclass

from flake8_importguard.model import Finding, Hint


@dataclass(frozen=True)
class Code:
    code: str
    symbol: str
    template: str  # str.format fields: name, module, hint
    why: str
    fix: str  # "certain" | "sometimes" | "stub" | "none"


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "IMG101",
            "missing-module",
            "module '{module}' does not exist{hint}",
            "The test file cannot even be collected: every test in it stops giving feedback.",
            "sometimes",
        ),
        Code(
            "IMG102",
            "missing-name",
            "'{name}' is not defined in '{module}'{hint}",
            "The import raises ImportError at collection time: every test in the file is lost.",
            "sometimes",
        ),
        Code(
            "IMG201",
            "mock-placeholder",
            "'{name}' is a mock standing in for first-party code{hint}",
            "Tests now assert against a mock of code that may not exist: they test nothing.",
            "sometimes",
        ),
        Code(
            "IMG202",
            "invented-type",
            "'{name}' is a type invented in the test instead of imported{hint}",
            "The test checks its own invention, not the project's class or enum.",
            "sometimes",
        ),
        Code(
            "IMG203",
            "generic-alias",
            "'{name}' aliases a generic object under a project-specific name{hint}",
            "The shared base or helper the test expects is gone; the alias hides it.",
            "sometimes",
        ),
        Code(
            "IMG204",
            "swallowed-import-error",
            "ImportError of first-party '{module}' is swallowed{hint}",
            "The import fails forever and nobody is told: the test runs against a placeholder or not at all.",
            "sometimes",
        ),
        Code(
            "IMG205",
            "sys-modules-placeholder",
            "first-party module '{module}' is replaced in sys.modules{hint}",
            "Every import of the module now yields a mock: the real module is never tested.",
            "none",
        ),
        Code(
            "IMG206",
            "optional-first-party",
            "first-party module '{module}' is treated as optional{hint}",
            "When the module breaks, its tests are silently skipped instead of failing.",
            "none",
        ),
        Code(
            "IMG301",
            "stub-present",
            "stub '{name}' written by importguard is still present in '{module}'",
            "A stub marks missing work; it must be implemented, not forgotten.",
            "none",
        ),
    )
}


def _quoted(items: tuple[str, ...]) -> str:
    quoted = [f"'{item}'" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _and_quoted(items: tuple[str, ...]) -> str:
    quoted = [f"'{item}'" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


HINTS = {
    "near": lambda h, f: f"; did you mean {_quoted(h.candidates)}?",
    "lives-in": lambda h, f: f"; '{f.name}' is defined in {_quoted(h.candidates)}",
    "type-checking": lambda h, f: "; it is imported there only under TYPE_CHECKING",
    "module-near": lambda h, f: f"; did you mean {_quoted(h.candidates)}?",
    "names-live-in": lambda h, f: (
        f"; {_and_quoted(h.candidates)} {'is' if len(h.candidates) == 1 else 'are'} defined in '{h.module}'"
    ),
    "nowhere": lambda h, f: (
        f"; {_and_quoted(h.candidates)} {'is' if len(h.candidates) == 1 else 'are'} defined nowhere in the project"
    ),
}


# Why a finding was left alone by `importguard --fix` (keys: fixer, repair and stubs reasons).
_SHAPE = "not fixed: the fixer does not rewrite statements of this shape"
NOT_FIXED = {
    "candidates": "not fixed: no single candidate is convincing",
    "distant": "not fixed: the candidate differs by more than a typo or added or dropped words",
    "kind": "not fixed: the candidate is not the same kind of symbol as the test's use",
    "bound": "not fixed: the file already binds the candidate's name",
    "third-party": "not fixed: the module is an installed package, not the project's",
    "stub": "not fixed: defined nowhere; 'importguard --stub' writes a failing stub where the test expects it",
    "not-found": _SHAPE,
    "not-supported": _SHAPE,
    "not-simple": _SHAPE,
    "conflict": "not fixed: two fixes want the same import",
    "try-partial": "not fixed: the try block also imports names that have no certain fix",
    "try-does-more": "not fixed: the except block binds names the import does not",
    "unparsable": "not fixed: the file does not parse",
    "output-unparsable": "not fixed: the rewrite would not parse",
    "internal-error": "not fixed: the rewrite failed",
    "new-findings": "not fixed: the rewritten import would fail too",
    "outside-root": "not fixed: the file is outside the project root",
    "no-stub-target": "no stub: the expected module is not first-party source inside the project",
    "not-a-package": "no stub: the expected module's parent is a module, not a package",
    "no-stub-shape": "no stub: a constant cannot fail when it is read",
    "no-room": "no stub: the module does not parse, or binds a name the stub needs ('enum') otherwise",
}


def render_not_fixed(reason: str) -> str:
    return f"[{NOT_FIXED[reason]}]"


def render(finding: Finding) -> str:
    """'IMG102 message' for one finding."""
    code = CODES[finding.code]
    hint = HINTS[finding.hint.kind](finding.hint, finding) if finding.hint else ""
    text = code.template.format(name=finding.name, module=finding.module, hint=hint)
    return f"{finding.code} {text}"
