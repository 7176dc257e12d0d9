"""Ground truth by execution for patch targets and module attributes, as test_projects.py has it
for imports: in every fixture project, every patch call is started and stopped (and every
monkeypatch undone) and every attribute read on an imported module is evaluated in CPython
(tests/runtime_cases.py); IMG401 / IMG103 must sit exactly on the calls and reads that fail,
except those marked `# unknown` (failures the tool leaves alone by design)."""
from __future__ import annotations

import os

import pytest

from expectations import expected_in, fixture_files
from flake8_importguard.base.config import Settings
from flake8_importguard.run.session import Session
from runtime_cases import runtime_cases, runtime_verdicts
from support import PROJECTS, check

SCENARIOS = sorted(d for d in os.listdir(PROJECTS) if os.path.isdir(os.path.join(PROJECTS, d)))
CODE = {"call": "IMG401", "attribute": "IMG103"}


def _disagreements(cases: list[dict], verdicts: list[str], flagged: dict, unknown: dict) -> list[str]:
    problems = []
    failing: dict[tuple[str, str], set[int]] = {}  # (file, kind) -> lines of the spans that fail
    for case, verdict in zip(cases, verdicts):
        where = f"{case['file']}:{case['span'][0]}: {case['source']}"
        if verdict.startswith("error"):
            problems.append(f"{where}: the fixture itself is broken ({verdict})")
        lines = set(range(case["span"][0], case["span"][1] + 1))
        if verdict == "fails":
            failing.setdefault((case["file"], case["kind"]), set()).update(lines)
            if not lines & (flagged[case["file"]][case["kind"]] | unknown[case["file"]]):
                problems.append(f"{where}: CPython fails, the tool is silent ({CODE[case['kind']]} expected)")
    for path, kinds in flagged.items():
        for kind, lines in kinds.items():
            for line in sorted(lines - failing.get((path, kind), set())):
                problems.append(f"{path}:{line}: {CODE[kind]}, but CPython runs every {kind} on the line")
            for line in sorted(lines & unknown[path]):
                problems.append(f"{path}:{line}: marked unknown, but the tool flags it")
    return problems


@pytest.mark.process  # CPython, in a process per test file, is the judge
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_patches_and_attributes_agree_with_cpython(scenario):
    root = os.path.join(PROJECTS, scenario)
    layout = Session().project_for(os.path.join(root, "pyproject.toml"), Settings()).layout
    cases, flagged, unknown = [], {}, {}
    for path in fixture_files(root):
        if not layout.is_test_file(path):
            continue
        cases += runtime_cases(path, layout, root)
        with open(path, "rb") as f:
            findings = check(f.read(), path)
        flagged[path] = {kind: {f.line for f in findings if f.code == code} for kind, code in CODE.items()}
        unknown[path] = expected_in(path).unknown
    problems = _disagreements(cases, runtime_verdicts(cases, root), flagged, unknown)
    assert not problems, "\n".join(problem.replace(root + os.sep, "") for problem in problems)


def test_the_judge_sees_both_sides():
    """A flagged line that CPython runs, and a failing one the tool is silent about, are both reported."""
    cases = [{"file": "t.py", "kind": "call", "span": [1, 1], "source": "patch('a.b')"},
             {"file": "t.py", "kind": "attribute", "span": [2, 2], "source": "m.x"}]
    problems = _disagreements(cases, ["ok", "fails"], {"t.py": {"call": {1}, "attribute": set()}}, {"t.py": set()})
    assert len(problems) == 2 and "CPython runs" in problems[1] and "silent" in problems[0]
