"""The fix pass for one file, in one pass: the findings of its check (made once, by the caller)
-> the fixes marked certain -> fixer.apply -> the rewrite checked once, and kept only when it
raises nothing the original did not. Its findings are what is left to report.

A fix that would trade one failing import for another (the target does not resolve from this
file, a placeholder's real import fails) is refused as NEW_FINDINGS. When the rewrite of all
fixes at once is refused, fixes are tried one at a time, so one bad fix does not block the rest;
each try checks only its own rewrite.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from flake8_importguard.base.model import Finding, FixKind, HintKind, NotFixed
from flake8_importguard.fix import fixer
from flake8_importguard.index.style import DEFAULT_LINE_LENGTH

Check = Callable[[bytes], list[Finding]]  # the findings of a rewritten source; raises if it does not parse
Key = tuple[str, str, str]


@dataclass
class Outcome:
    source: bytes
    fixed: bytes  # the source itself when nothing changed
    findings: list[Finding]  # of the source
    remaining: list[Finding]  # of the fixed source
    applied: list[Finding] = field(default_factory=list)
    notes: dict[Key, NotFixed] = field(default_factory=dict)  # why each unfixed finding was left alone

    @property
    def changed(self) -> bool:
        return self.fixed != self.source


def fix_source(source: bytes, findings: list[Finding], check: Check, line_length: int = DEFAULT_LINE_LENGTH
               ) -> Outcome:
    """Apply the certain fixes among `findings` (the source's own) to `source`; imports it writes
    keep to `line_length` (the project's: style.max_line_length)."""
    outcome = Outcome(source, source, findings, findings)
    for finding in findings:
        if not finding.fixable:
            outcome.notes[finding.key] = why_not(finding)
    candidates = [f for f in findings if f.fixable]
    if not candidates:
        return outcome
    result = fixer.apply(source, candidates, line_length)
    after = _checked(check, result) if result.changed else None
    if after is not None and _adds_nothing(findings, after):
        outcome.fixed, outcome.remaining, outcome.applied = result.source, after, list(result.applied)
        outcome.notes.update((f.key, reason) for f, reason in result.skipped)
        return outcome
    return _one_by_one(outcome, check, line_length)


_NO_FIX = {HintKind.NOWHERE: NotFixed.NOTHING_TO_IMPORT, HintKind.PER_NAME: NotFixed.NOT_SUPPORTED,
           HintKind.CASE: NotFixed.MANUAL, HintKind.LIVES_IN: NotFixed.CANDIDATES, HintKind.NEAR: NotFixed.CANDIDATES,
           HintKind.MODULE_NEAR: NotFixed.CANDIDATES, HintKind.NAMES_LIVE_IN: NotFixed.CANDIDATES,
           HintKind.TYPE_CHECKING: NotFixed.CANDIDATES,
           HintKind.PATCH_WHERE: NotFixed.NOT_SUPPORTED,  # a module in the middle, or patch.object's attribute
           HintKind.INSTANCE_ONLY: NotFixed.MANUAL}  # patch an instance, or create=True: a person decides


def why_not(finding: Finding) -> NotFixed:
    """Why `--fix` leaves a finding alone on its own (every code says it)."""
    if finding.fix is not None:
        return NotFixed.STUB if finding.fix.kind is FixKind.STUB else finding.fix.doubt or NotFixed.CANDIDATES
    if finding.cause is not None:
        return NotFixed.ELSEWHERE  # the import that fails is in another file
    if finding.hint is not None:
        return _NO_FIX[finding.hint.kind]
    if finding.code == "IMG204":
        return NotFixed.NOT_SIMPLE  # the import works, but the statement imports several names
    return NotFixed.MANUAL if finding.code in ("IMG205", "IMG206", "IMG301") else NotFixed.NO_CANDIDATE


def _checked(check: Check, result: fixer.Result) -> list[Finding] | None:
    try:
        return check(result.source)
    except (SyntaxError, ValueError, RecursionError):
        return None


def _adds_nothing(before: list[Finding], after: list[Finding]) -> bool:
    """Does the rewrite raise no finding that the original did not raise?"""
    return not (Counter(f.key for f in after) - Counter(f.key for f in before))


def _one_by_one(outcome: Outcome, check: Check, line_length: int) -> Outcome:
    current, findings = outcome.source, outcome.findings
    refused: set[Key] = set()
    for _ in range(2 * len(outcome.findings) + 2):
        todo = [f for f in findings if f.fixable and f.key not in refused]
        if not todo:
            break
        finding = todo[0]
        result = fixer.apply(current, [finding], line_length)
        after = _checked(check, result) if result.changed else None
        if after is not None and _adds_nothing(findings, after):
            current, findings = result.source, after
            outcome.applied.append(finding)
            continue
        refused.add(finding.key)
        outcome.notes[finding.key] = result.skipped[0][1] if result.skipped else NotFixed.NEW_FINDINGS
    outcome.fixed, outcome.remaining = current, findings
    return outcome
