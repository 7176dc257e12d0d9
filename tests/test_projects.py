"""One parametrized test over every fixture project: findings match the inline markers,
and every IMG101/IMG102 verdict agrees with what CPython does when the import runs."""
from __future__ import annotations

import argparse
import os
from collections import Counter

import pytest

from expectations import expected_in, fixture_files, import_cases, interpreter_verdicts
from flake8_importguard.base.codes import render
from flake8_importguard.base.config import Settings, settings_from
from flake8_importguard.configfile import load
from flake8_importguard.run.session import Session
from support import PROJECTS, check

SCENARIOS = sorted(d for d in os.listdir(PROJECTS) if os.path.isdir(os.path.join(PROJECTS, d)))


def settings_for(root: str) -> Settings:
    """The settings a fixture project configures (setup.cfg, pyproject.toml), as the front ends read them."""
    return settings_from(argparse.Namespace(), load(root))


def checked_files(root: str):
    layout = Session().project_for(os.path.join(root, "pyproject.toml"), settings_for(root)).layout
    return [path for path in fixture_files(root) if layout.is_test_file(path)], layout


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_findings_match_markers(scenario):
    root = os.path.join(PROJECTS, scenario)
    files, _ = checked_files(root)
    assert files, f"{scenario} has no test files"
    problems = []
    for path in files:
        expected = expected_in(path)
        with open(path, "rb") as f:
            findings = check(f.read(), path, settings_for(root))
        got = Counter((f.line, f.code) for f in findings)
        rel = os.path.relpath(path, root)
        if got != expected.codes:
            rendered = [f"{f.line}: {render(f)}" for f in findings]
            problems.append(f"{rel}: expected {sorted(expected.codes.items())}, got {rendered}")
        for line, texts in expected.texts.items():
            messages = " | ".join(render(f) for f in findings if f.line == line)
            problems.extend(f"{rel}:{line}: {t!r} not in {messages!r}" for t in texts if t not in messages)
    assert not problems, "\n".join(problems)


@pytest.mark.process  # CPython, in a process per test file, is the judge
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_verdicts_agree_with_cpython(scenario, snapshot):
    root = os.path.join(PROJECTS, scenario)
    before = snapshot(root)
    files, layout = checked_files(root)
    cases, flagged_lines, unknown_lines, flagged_chains = [], {}, {}, set()
    for path in files:
        file_cases = import_cases(path, layout)
        cases.extend(file_cases)
        with open(path, "rb") as f:
            findings = check(f.read(), path, settings_for(root))
        flagged_lines[path] = {f.line for f in findings if f.code in ("IMG101", "IMG102", "IMG105", "IMG106")}
        flagged_chains |= {(path, f.line, f.code) for f in findings if f.code in ("IMG105", "IMG106")}
        unknown_lines[path] = expected_in(path).unknown
    verdicts = interpreter_verdicts(root, cases)
    disagreements = []
    failing = {}
    for case, verdict in zip(cases, verdicts):
        key = (case["file"], case["line"])
        failing[key] = failing.get(key, False) or verdict == "fails"
        if verdict.startswith("error"):
            disagreements.append(f"{case['statement']}: the fixture itself is broken ({verdict})")
    disagreements += _order_independent(root, layout, cases, flagged_chains)
    for (path, line), fails in failing.items():
        rel = f"{os.path.relpath(path, root)}:{line}"
        flagged = line in flagged_lines[path]
        if line in unknown_lines[path]:
            if not fails or flagged:
                disagreements.append(f"{rel}: marked unknown, but CPython fails={fails}, flagged={flagged}")
        elif fails != flagged:
            disagreements.append(f"{rel}: CPython {'fails' if fails else 'imports'}, tool flagged={flagged}")
    assert not disagreements, "\n".join(disagreements)
    assert snapshot(root) == before, "the judge left the fixture as it was (no bytecode written)"


def _order_independent(root, layout, cases, flagged_chains) -> list[str]:
    """The second judge, a whole-suite run (one process, the same import attempted by an earlier
    file): an IMG105 line fails then too; an IMG106 line passes (a failed package left what it
    asks for loaded), as its message says."""
    codes = {(path, line): code for path, line, code in flagged_chains}
    again = [{**case, "retry": True} for case in cases if (case["file"], case["line"]) in codes]
    wrong = []
    for case, verdict in zip(again, interpreter_verdicts(root, again)):
        code = codes[(case["file"], case["line"])]
        if (verdict == "ok") != (code == "IMG106"):
            wrong.append(f"{os.path.relpath(case['file'], root)}:{case['line']}: {code}, but {case['statement']!r} "
                         f"gives {verdict!r} when an earlier file attempted it")
    return wrong
