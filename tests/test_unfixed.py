"""Every finding that `importguard --fix` (and `--stub`) leaves alone says why, whatever its code."""
from __future__ import annotations

import re

import pytest

from support import assert_no_crash

FINDING = re.compile(r"^\S+:\d+:\d+: (IMG\d{3}) ")
SCENARIOS = ["chains", "fixes", "hints", "placeholders_functions", "placeholders_optional", "placeholders_mock",
             "placeholders_types", "basic"]


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
    assert {"IMG101", "IMG102", "IMG105", "IMG201", "IMG202", "IMG203", "IMG204", "IMG205", "IMG206"} <= codes
