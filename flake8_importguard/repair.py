"""The fix path for one file: the plugin's own check_source -> the fixes marked certain ->
fixer.apply -> kept only when re-checking the rewrite finds nothing the original did not have.

A fix that would trade one failing import for another (the target does not resolve from this
file, a placeholder's real import fails) is refused as "new-findings". When the rewrite of all
fixes at once is refused, fixes are tried one at a time, so one bad fix does not block the rest.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flake8_importguard import fixer
from flake8_importguard.checker import check_source, not_suppressed
from flake8_importguard.config import Settings
from flake8_importguard.model import Finding


def key(finding: Finding) -> tuple[str, str, str]:
    return finding.code, finding.name, finding.module


def selected(code: str, select: tuple[str, ...]) -> bool:
    return not select or any(code.startswith(prefix) for prefix in select)


def findings_of(source: bytes, path: str, settings: Settings, select: tuple[str, ...]) -> list[Finding]:
    """The selected findings flake8 would show (`# noqa` honoured). Raises SyntaxError/ValueError."""
    return [f for f in not_suppressed(check_source(source, path, settings), source) if selected(f.code, select)]


def fixable(finding: Finding) -> bool:
    fix = finding.fix
    return fix is not None and fix.certain and fix.kind != "stub"


@dataclass
class Outcome:
    source: bytes
    fixed: bytes  # the source itself when nothing changed
    findings: list[Finding]  # before fixing
    applied: list[Finding] = field(default_factory=list)
    notes: dict[tuple[str, str, str], str] = field(default_factory=dict)  # why left alone (codes.NOT_FIXED)

    @property
    def changed(self) -> bool:
        return self.fixed != self.source


def fix_source(source: bytes, path: str, settings: Settings, select: tuple[str, ...]) -> Outcome:
    """Raises SyntaxError/ValueError when the file does not parse (it is then never touched)."""
    findings = findings_of(source, path, settings, select)
    outcome = Outcome(source, source, findings)
    for finding in findings:
        if finding.fix is not None and not fixable(finding):
            outcome.notes[key(finding)] = "stub" if finding.fix.kind == "stub" else finding.fix.doubt or "candidates"
    candidates = [f for f in findings if fixable(f)]
    if not candidates:
        return outcome
    result = fixer.apply(source, candidates)
    if result.changed and _adds_nothing(source, result.source, path, settings):
        outcome.fixed, outcome.applied = result.source, list(result.applied)
        outcome.notes.update((key(f), reason) for f, reason in result.skipped)
        return outcome
    return _one_by_one(outcome, path, settings, select)


def _adds_nothing(before: bytes, after: bytes, path: str, settings: Settings) -> bool:
    """Does the rewrite raise no finding that the original did not raise?"""
    try:
        new = Counter(map(key, check_source(after, path, settings)))
    except (SyntaxError, ValueError, RecursionError):
        return False
    return not (new - Counter(map(key, check_source(before, path, settings))))


def _one_by_one(outcome: Outcome, path: str, settings: Settings, select: tuple[str, ...]) -> Outcome:
    current = outcome.source
    refused: set[tuple[str, str, str]] = set()
    for _ in range(2 * len(outcome.findings) + 2):
        todo = [f for f in findings_of(current, path, settings, select) if fixable(f) and key(f) not in refused]
        if not todo:
            break
        finding = todo[0]
        result = fixer.apply(current, [finding])
        if result.changed and _adds_nothing(current, result.source, path, settings):
            current = result.source
            outcome.applied.append(finding)
            continue
        refused.add(key(finding))
        outcome.notes[key(finding)] = result.skipped[0][1] if result.skipped else "new-findings"
    outcome.fixed = current
    return outcome
