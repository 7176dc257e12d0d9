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

from flake8_importguard.base.codes import why_not
from flake8_importguard.base.model import Finding, NotFixed
from flake8_importguard.fix import fixer
from flake8_importguard.index.style import ImportStyle

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
    refusals: dict[Key, Finding] = field(default_factory=dict)  # NEW_FINDINGS: what its rewrite would raise

    @property
    def changed(self) -> bool:
        return self.fixed != self.source


def fix_source(source: bytes, findings: list[Finding], check: Check, style: ImportStyle = ImportStyle()) -> Outcome:
    """Apply the certain fixes among `findings` (the source's own) to `source`; imports it writes
    keep to the project's `style` (its line length, its isort sections: style.py)."""
    outcome = Outcome(source, source, findings, findings)
    for finding in findings:
        if not finding.fixable:
            outcome.notes[finding.key] = why_not(finding)
    candidates = [f for f in findings if f.fixable]
    if not candidates:
        return outcome
    result = fixer.apply(source, candidates, style)
    after = _checked(check, result) if result.changed else None
    if after is not None and _adds_nothing(findings, after):
        outcome.fixed, outcome.remaining, outcome.applied = result.source, after, list(result.applied)
        outcome.notes.update((f.key, reason) for f, reason in result.skipped)
        return outcome
    return _one_by_one(outcome, check, style)


def _checked(check: Check, result: fixer.Result) -> list[Finding] | None:
    try:
        return check(result.source)
    except (SyntaxError, ValueError, RecursionError):
        return None


def _adds_nothing(before: list[Finding], after: list[Finding]) -> bool:
    """Does the rewrite raise no finding that the original did not raise?"""
    return not (Counter(f.key for f in after) - Counter(f.key for f in before))


def _added(before: list[Finding], after: list[Finding]) -> Finding | None:
    """The first finding of a rewrite that the original did not raise (one naming a failing chain's
    cause first)."""
    new = Counter(f.key for f in after) - Counter(f.key for f in before)
    added = [f for f in after if f.key in new]
    return min(added, key=lambda f: (f.cause is None, f.line), default=None)


def _one_by_one(outcome: Outcome, check: Check, style: ImportStyle) -> Outcome:
    current, findings = outcome.source, outcome.findings
    refused: set[Key] = set()
    for _ in range(2 * len(outcome.findings) + 2):
        todo = [f for f in findings if f.fixable and f.key not in refused]
        if not todo:
            break
        finding = todo[0]
        result = fixer.apply(current, [finding], style)
        after = _checked(check, result) if result.changed else None
        if after is not None and _adds_nothing(findings, after):
            current, findings = result.source, after
            outcome.applied.append(finding)
            continue
        refused.add(finding.key)
        outcome.notes[finding.key] = result.skipped[0][1] if result.skipped else NotFixed.NEW_FINDINGS
        added = _added(findings, after or [])
        if not result.skipped and added is not None:
            outcome.refusals[finding.key] = added
    outcome.fixed, outcome.remaining = current, findings
    return outcome
