"""The importguard command's output formats: text (flake8's lines), json, github (workflow
annotations), gitlab (a code quality report) and sarif (2.1.0). Messages come from codes.py;
this module only lays them out.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import quote

from flake8_importguard import __version__
from flake8_importguard.base.codes import CODES, Severity, fails_collection, render, render_fix
from flake8_importguard.base.model import Finding
from flake8_importguard.run.baseline import Key


@dataclass(frozen=True)
class Reported:
    """One finding as the command reports it: the path as shown, the finding, its baseline key."""

    path: str
    finding: Finding
    key: Key
    note: str = ""  # why --fix left it alone, rendered
    blocks: tuple[str, ...] = ()  # a conftest.py's failing import: the test modules it keeps from collecting

    @property
    def message(self) -> str:
        return render(self.finding)

    @property
    def described(self) -> str:
        """The message, and for a conftest that blocks test modules how many (the formats read by
        CI and code-scanning pages, where the blocked modules are not listed one by one)."""
        if not self.blocks:
            return self.message
        n = len(self.blocks)
        return f"{self.message} (pytest cannot collect the {n} test module{'s' * (n != 1)} under it)"

    @property
    def file(self) -> str:
        """The path for machines: normalised (`./tests/a.py` is `tests/a.py`), forward slashes."""
        return os.path.normpath(self.path).replace(os.sep, "/")

    @property
    def fingerprint(self) -> str:
        """Stable across runs and line shifts: a digest of the baseline key (`fingerprints` tells
        apart two findings with the same key)."""
        return hashlib.sha256("\0".join(self.key).encode("utf-8")).hexdigest()[:32]


def fingerprints(reported: list[Reported]) -> list[str]:
    """Each finding's fingerprint, the same in every format, unique in the run: the key's digest,
    and for the n-th finding with the same key a digest of it and n."""
    seen: Counter[str] = Counter()
    prints = []
    for r in reported:
        seen[r.fingerprint] += 1
        n = seen[r.fingerprint]
        prints.append(r.fingerprint if n == 1 else hashlib.sha256(f"{r.fingerprint}:{n}".encode()).hexdigest()[:32])
    return prints


@dataclass(frozen=True)
class Replacement:
    """A certain fix as text edits: `length` characters at `offset` become `text`."""

    offset: int
    length: int
    text: str


Fixes = dict[int, list[Replacement]]  # index in the reported list -> its fix


def severity(code: str) -> Severity:
    """The code's severity, from its family in the codes table (SARIF's level)."""
    return CODES[code].severity


GITHUB: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
GITLAB: dict[Severity, str] = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.NOTE: "minor"}


def text(reported: list[Reported]) -> str:
    return "".join(f"{r.path}:{r.finding.line}:{r.finding.col + 1}: {r.message}{r.note}\n" for r in reported)


def as_json(reported: list[Reported]) -> str:
    items = [{
        "path": r.file, "line": r.finding.line, "column": r.finding.col + 1, "code": r.finding.code,
        "symbol": CODES[r.finding.code].symbol, "message": r.message, "name": r.finding.name or None,
        "module": r.finding.module or None, "severity": severity(r.finding.code).value, "fixable": r.finding.fixable,
        "fix": None if r.finding.fix is None else {
            "kind": r.finding.fix.kind.value, "module": r.finding.fix.target_module,
            "name": r.finding.fix.target_name, "certain": r.finding.fix.certain},
        "cause": None if r.finding.cause is None else dict(zip(("file", "line"), r.finding.cause.where)),
        "fails_collection": fails_collection(r.finding),
        "blocks": [Reported(path, r.finding, r.key).file for path in r.blocks],
        "fingerprint": fingerprint,
    } for r, fingerprint in zip(reported, fingerprints(reported))]
    return json.dumps(items, indent=2) + "\n"


def _escape(value: str, property: bool = False) -> str:
    """GitHub's workflow-command escaping (of a message, or of a property value)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


def github(reported: list[Reported]) -> str:
    return "".join(
        f"::{GITHUB[severity(r.finding.code)]} file={_escape(r.file, True)},line={r.finding.line},"
        f"col={r.finding.col + 1},title={_escape(r.finding.code + ' ' + CODES[r.finding.code].symbol, True)}"
        f"::{_escape(r.described)}\n"
        for r in reported)


def gitlab(reported: list[Reported]) -> str:
    items = []
    for r, fingerprint in zip(reported, fingerprints(reported)):
        items.append({
            "description": r.described, "check_name": r.finding.code, "fingerprint": fingerprint,
            "severity": GITLAB[severity(r.finding.code)],
            "location": {"path": r.file, "lines": {"begin": r.finding.line}},
        })
    return json.dumps(items, indent=2) + "\n"


def _uri(path: str) -> str:
    return quote(path)


def _rule(code: str) -> dict[str, Any]:
    entry = CODES[code]
    return {
        "id": code, "name": entry.symbol,
        "shortDescription": {"text": entry.what}, "fullDescription": {"text": entry.why},
        "help": {"text": f"{entry.what}. {entry.why} Fix: {entry.fix.value}."},
        "defaultConfiguration": {"level": severity(code).value},
        "properties": {"fix": entry.fix.value},
    }


def _sarif_fix(r: Reported, replacements: list[Replacement]) -> dict[str, Any]:
    fix = r.finding.fix
    return {
        "description": {"text": render_fix(fix) if fix else ""},
        "artifactChanges": [{
            "artifactLocation": {"uri": _uri(r.file), "uriBaseId": "%SRCROOT%"},
            "replacements": [{"deletedRegion": {"charOffset": e.offset, "charLength": e.length},
                              "insertedContent": {"text": e.text}} for e in replacements],
        }],
    }


def sarif(reported: list[Reported], fixes: Fixes | None = None) -> str:
    rules = list(CODES)
    results = []
    for index, (r, fingerprint) in enumerate(zip(reported, fingerprints(reported))):
        result: dict[str, Any] = {
            "ruleId": r.finding.code, "ruleIndex": rules.index(r.finding.code),
            "level": severity(r.finding.code).value, "message": {"text": r.described},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(r.file), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": r.finding.line, "startColumn": r.finding.col + 1},
            }}],
            "partialFingerprints": {"importguard/v1": fingerprint},
        }
        if r.blocks:  # the test modules the failing conftest keeps from collecting
            result["relatedLocations"] = [
                {"id": n, "message": {"text": "cannot be collected"},
                 "physicalLocation": {"artifactLocation": {"uri": _uri(Reported(path, r.finding, r.key).file),
                                                           "uriBaseId": "%SRCROOT%"}}}
                for n, path in enumerate(r.blocks)]
        if fixes and index in fixes:
            result["fixes"] = [_sarif_fix(r, fixes[index])]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "importguard", "fullName": "flake8-importguard", "version": __version__,
                                "rules": [_rule(c) for c in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[list[Reported]], str]] = {
    "text": text, "json": as_json, "github": github, "gitlab": gitlab, "sarif": sarif,
}


def statistics(reported: list[Reported]) -> str:
    """flake8's --statistics: each code's count, its symbol and its first message."""
    counts = Counter(r.finding.code for r in reported)
    first: dict[str, str] = {}
    for r in reported:
        first.setdefault(r.finding.code, r.message)
    return "".join(f"{counts[code]:<5} {first[code]}\n" for code in sorted(counts))


def summary(files: int, seconds: float, reported: list[Reported]) -> str:
    """The one line on standard error."""
    shown = {r.path for r in reported}
    fixable = sum(1 for r in reported if r.finding.fixable)
    noun = "test file" if files == 1 else "test files"
    return (f"checked {files} {noun} in {seconds:.2f} s: {len(reported)} finding{'s' * (len(reported) != 1)} "
            f"in {len(shown)} file{'s' * (len(shown) != 1)}, {fixable} fixable")
