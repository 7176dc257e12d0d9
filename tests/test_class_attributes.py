"""IMG104: an attribute of a first-party class that the class neither defines nor inherits, judged
by pytest on tests/projects/class_attributes: a test module whose module level reads one (an enum
member renamed in `parametrize`, a constant gone) does not collect, and the report counts it; one
that reads it in a test collects, and that test fails; the traps (members, inherited and builtin
attributes, names the module or a classmethod sets, a metaclass's attributes, ctypes fields, a
guarded read) collect and pass."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support import TIMEOUT


def _pytest(root, *args: str) -> int:
    return subprocess.run([sys.executable, "-B", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:importguard",
                           *args], cwd=root, capture_output=True, text=True, timeout=TIMEOUT).returncode


@pytest.mark.process  # pytest, in a process per test module, is the judge
def test_class_attributes_as_pytest_sees_them(tmp_path, project_copy, run_importguard):
    root = project_copy(tmp_path, "class_attributes")
    findings = json.loads(run_importguard(root, "tests", "--no-cache", "--format=json").stdout)
    flagged = {item["path"]: item["fails_collection"] for item in findings if item["code"] == "IMG104"}
    report = json.loads(run_importguard(root, "report", "tests", "--no-cache", "--format=json").stdout)
    uncollectable = {item["path"] for item in report["uncollectable"]["list"]}
    modules = sorted(os.path.join("tests", f) for f in os.listdir(root / "tests") if f.startswith("test_")
                     and f.endswith(".py"))
    collects = {path: _pytest(root, "--collect-only", path) == 0 for path in modules}
    passes = {path: _pytest(root, path) == 0 for path in modules}
    assert {path for path, ok in collects.items() if not ok} == {p for p, at_import in flagged.items() if at_import}
    assert {path for path, ok in passes.items() if not ok} == set(flagged)
    assert uncollectable == {path for path, ok in collects.items() if not ok}


@pytest.mark.process  # pytest is the judge of the fixed file
def test_the_fix_renames_a_mistyped_member_and_the_module_collects(tmp_path, project_copy, run_importguard):
    root = project_copy(tmp_path, "class_attributes")
    path = "tests/test_typo_member.py"
    assert _pytest(root, "--collect-only", path) != 0
    run_importguard(root, "--fix", "--no-cache", path)
    assert "MACHINES = [Machine.X86_64, Machine.ARM]" in (root / path).read_text()
    assert _pytest(root, "--collect-only", path) == 0
    assert json.loads(run_importguard(root, path, "--no-cache", "--format=json").stdout) == []
