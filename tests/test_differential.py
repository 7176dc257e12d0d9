"""Differential test: on random projects, every IMG101/IMG102 verdict agrees with CPython, and so
does every IMG401/IMG103 verdict on the patch targets and module attribute reads of the test module.

Each example is a generated mini-project (tests/generated.py) whose test module imports random
real and nonexistent modules and names; CPython executes each import statement in a subprocess
as `pytest FILE` reaches it (the conftests, the file's packages and its imports above it first:
tests/expectations.py) and the tool must never flag an import that works and must flag every
first-party import that fails, except where it declares UNKNOWN (counted). An IMG105 or IMG106
is judged a second time as a whole-suite run meets it (the same import attempted before).

    CI=true                          a bounded run (100 examples, some 15 s; 50 otherwise)
    IMPORTGUARD_DIFF_EXAMPLES=2000   a large run on demand
    IMPORTGUARD_DIFF_SEED=N          the first seed (a problem report names its seed)
    python tests/differential.py 1 --start SEED --keep DIR   writes one example out to read
"""
from __future__ import annotations

import os

import pytest

from differential import CHAIN, MAY_BIND, ORDER, Tally, _count, judge, run
from flake8_importguard.base.model import Verdict
from generated import Project

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
EXAMPLES = int(os.environ.get("IMPORTGUARD_DIFF_EXAMPLES", 100 if CI else 50))
START = int(os.environ.get("IMPORTGUARD_DIFF_SEED", 0))


@pytest.mark.process  # CPython, in a process per project, is the judge
def test_every_verdict_agrees_with_cpython():
    tally = run(EXAMPLES, START)
    print(tally.figures())
    assert not tally.problems, "\n".join([tally.figures(), *tally.problems[:40]])
    assert tally.imports >= 20 * EXAMPLES and tally.flagged > 0
    first_party_failures = tally.failing - tally.out_of_scope
    declared = sum(count for reason, count in tally.unknown.items() if reason not in (MAY_BIND, ORDER))
    # the price of silence stays small: the tool's own UNKNOWN verdicts, names bound only in
    # branches CPython does not take, and breaks whose effect depends on the order of imports
    # (pytest keeps what a failing package imported first) are each a minority of the failures
    assert declared <= 0.2 * first_party_failures, tally.figures()
    assert tally.unknown[MAY_BIND] <= 0.2 * first_party_failures, tally.figures()
    # patch targets and module attribute reads: every one judged against CPython starting the
    # patch or reading the attribute; the tool follows classes and stops at values, so a little more
    # is left unknown than for imports; a patch whose module fails to import through a chain is
    # IMG105's business (the generator's rate of breaks, not the tool's silence)
    assert tally.runtime >= 5 * EXAMPLES and tally.runtime_flagged > 0, tally.figures()
    runtime_declared = sum(count for reason, count in tally.runtime_unknown.items() if reason not in (
        MAY_BIND, CHAIN))
    assert runtime_declared <= 0.3 * tally.runtime_failing, tally.figures()
    assert tally.runtime_unknown[MAY_BIND] <= 0.2 * tally.runtime_failing, tally.figures()
    assert tally.unknown[ORDER] <= 0.2 * first_party_failures, tally.figures()


def _project(files: dict[str, str], lines: dict[int, str]) -> Project:
    test_file = "tests/test_it.py"
    source = "\n".join(lines.get(i, "") for i in range(1, max(lines) + 1)) + "\n"
    return Project(-1, {"pyproject.toml": "[project]\nname = 'x'\n", **files, test_file: source},
                   test_file, lines, set())


def test_the_judge_reports_a_miss():
    """The judge is not blind: a name bound only in a lambda's walrus looks bound to the tool
    (silent) but CPython never binds it; nothing declared it, so it is reported."""
    tally = Tally()
    judge([_project({"app/__init__.py": "", "app/m.py": "f = lambda: (hidden := 1)\n"},
                    {1: "from app.m import f", 2: "from app.m import hidden"})], tally)
    assert tally.imports == 2 and tally.agreements == 1
    assert len(tally.problems) == 1 and "MISSED" in tally.problems[0] and "hidden" in tally.problems[0]


def test_the_judge_reports_a_missed_patch_target():
    """A patch of a name bound only in a lambda's walrus: the tool sees it bound, CPython fails to
    start the patch, and nothing declared it: reported."""
    tally = Tally()
    judge([_project({"app/__init__.py": "", "app/m.py": "f = lambda: (hidden := 1)\n"},
                    {1: "from unittest.mock import patch", 2: "patch('app.m.f')", 3: "patch('app.m.hidden')",
                     4: "patch('app.m.gone')"})], tally)
    assert (tally.runtime, tally.runtime_agreements, tally.runtime_flagged) == (3, 2, 1), tally.figures()
    assert len(tally.problems) == 1 and "MISSED" in tally.problems[0] and "hidden" in tally.problems[0]


def test_the_judge_reports_a_broken_project():
    tally = Tally()
    judge([_project({"app/__init__.py": "1 / 0\n"}, {1: "import app"})], tally)
    assert len(tally.problems) == 1 and "ZeroDivisionError" in tally.problems[0]


def test_the_judge_reports_a_false_alarm():
    """Fed a finding on an import that CPython runs, the judge says so (the tool's side is given
    here, so that this test does not depend on a false alarm existing)."""
    tally = Tally()
    case = {"line": 1, "statement": "from app import real"}
    _count(tally, case, "ok", _project({}, {1: case["statement"]}), True, Verdict.MISSING, "no-name", ("app", "real"))
    assert len(tally.problems) == 1 and "FALSE ALARM" in tally.problems[0]


def test_the_judge_counts_a_patch_through_a_broken_import_as_a_chain():
    """mock swallows the ImportError of a module whose own import fails (a chain, IMG105's) and
    then fails on its package's attribute: counted as a chain, not as a miss of IMG401; a target
    the module lacks is still judged."""
    tally = Tally()
    judge([_project({"app/__init__.py": "", "app/m.py": "from app.gone import x\nf = 1\n", "app/n.py": "g = 1\n"},
                    {1: "from unittest.mock import patch", 2: "patch('app.m.f')", 3: "patch('app.n.g')",
                     4: "patch('app.n.h')"})], tally)
    assert (tally.runtime, tally.runtime_failing, tally.runtime_flagged) == (3, 2, 1), tally.figures()
    assert tally.runtime_unknown[CHAIN] == 1 and not tally.problems, tally.figures()


def test_the_judge_runs_a_file_as_pytest_file_does():
    """A conftest that imports one half of a cycle first, then a test module that enters the cycle
    from the other half: it works there (the conftest completed the cycle), and the tool is silent;
    the same import where the conftest does not help fails, and the tool says so (IMG105)."""
    files = {"app/__init__.py": "", "app/x.py": "EARLY = 1\nfrom app import y\nLATE = 2\n",
             "app/y.py": "from app.x import EARLY\nfrom app.x import LATE\n",
             "app/p.py": "FIRST = 1\nfrom app import q\nSECOND = 2\n", "app/q.py": "from app.p import SECOND\n"}
    tally = Tally()
    judge([_project({**files, "tests/conftest.py": "import app.y\n"},
                    {1: "import app.x", 2: "import app.p"})], tally)
    assert not tally.problems and (tally.imports, tally.failing, tally.flagged) == (2, 1, 1), tally.figures()
