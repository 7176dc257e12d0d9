"""Every finding that `importguard --fix` (and `--stub`) leaves alone says why, whatever its code."""
from __future__ import annotations

import json
import re

import pytest

from flake8_importguard.base.codes import NOT_FIXED, render_fix, why_not
from flake8_importguard.base.model import Finding, Fix, FixKind, Hint, HintKind
from support import assert_no_crash

FINDING = re.compile(r"^\S+:\d+:\d+: (IMG\d{3}) ")
SCENARIOS = ["chains", "fixes", "hints", "placeholders_functions", "placeholders_optional", "placeholders_mock",
             "placeholders_types", "basic", "patch_targets", "patch_classes", "patch_fixes", "module_attributes"]


@pytest.mark.parametrize("mode", [["--fix"], ["--fix", "--stub"]], ids=["fix", "stub"])
def test_every_finding_left_says_why(tmp_path, run_importguard, project_copy, mode):
    codes = set()
    for scenario in SCENARIOS:
        root = project_copy(tmp_path / mode[-1], scenario)
        result = run_importguard(root, *mode, "--no-cache", ".")
        assert_no_crash(result)
        for line in result.stdout.splitlines():
            match = FINDING.match(line)
            assert match, line
            codes.add(match.group(1))
            assert re.search(r" \[(not fixed|no stub): [^\]]+\]$", line), line
    assert {"IMG101", "IMG102", "IMG103", "IMG105", "IMG201", "IMG202", "IMG203", "IMG204", "IMG205", "IMG206",
            "IMG401"} <= codes


def test_every_kind_of_hint_and_fix_is_worded():
    """why_not has a reason for every hint a finding can carry without a fix, and SARIF a
    description for every kind of certain fix."""
    for kind in HintKind:
        finding = Finding("IMG102", 1, 0, name="x", hint=Hint(kind, ("y",)))
        assert why_not(finding) in NOT_FIXED
    for fix_kind in FixKind:
        assert render_fix(Fix(fix_kind, 1, name="x", target_module="m", target_name="y")).strip()


@pytest.mark.parametrize("scenario", ["patch_fixes", "patch_targets", "module_attributes"])
def test_sarif_carries_every_certain_fix(tmp_path, run_importguard, project_copy, scenario):
    root = project_copy(tmp_path, scenario)
    result = run_importguard(root, "--format", "sarif", "--no-cache", ".")
    assert_no_crash(result)
    [run] = json.loads(result.stdout)["runs"]
    assert run["results"]
    if scenario == "patch_fixes":  # its certain rewrites of patch strings and attributes
        assert any(r.get("fixes") for r in run["results"])
