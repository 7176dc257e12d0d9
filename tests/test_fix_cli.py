"""`importguard --fix` end to end: a fixture project copied to tmp_path, the real command in a
subprocess, and CPython proving that the fixed test modules import (and their tests pass). What the
fix writes into each fixture file, and what it leaves and why, is in the snapshot beside the file
(tests/projects/fixes/tests/*.py.fix.snap, checked by test_fix_snapshots.py); the tests here hold
what is true of every fix: files, modes, encodings, links, stdin, what is never written."""
from __future__ import annotations

import dataclasses

import os
import stat
import sys

import pytest

from support import check
from flake8_importguard.base.codes import render_not_fixed
from flake8_importguard.base.model import NotFixed
from flake8_importguard.fix.repair import fix_source

FIXABLE = ["tests/test_rename.py", "tests/test_move.py", "tests/test_module_move.py"]


@pytest.mark.process  # CPython and pytest, in processes, run the fixed tests
def test_fixed_test_modules_import_and_their_tests_pass(tmp_path, run_importguard, imports, project_copy, run_command):
    root = project_copy(tmp_path)
    modules = [f[:-3].replace("/", ".") for f in FIXABLE]
    assert not any(imports(root, m) for m in modules)
    result = run_importguard(root, "--fix", *FIXABLE)
    assert result.returncode == 1  # files changed
    assert result.stderr.splitlines() == [f"Rewriting {f}" for f in FIXABLE]
    assert result.stdout == ""  # every finding was cleared
    assert all(imports(root, m) for m in modules)
    tests = run_command([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FIXABLE], root)
    assert tests.returncode == 0, tests.stdout
    assert "3 passed" in tests.stdout


def test_a_second_run_changes_nothing(tmp_path, run_importguard, snapshot, project_copy):
    root = project_copy(tmp_path)
    assert run_importguard(root, "--fix", "tests").returncode == 1
    after_first = snapshot(root)
    second = run_importguard(root, "--fix", "tests")
    assert snapshot(root) == after_first
    assert "Rewriting" not in second.stderr
    assert second.returncode == 1  # the ambiguous and nowhere findings remain
    clean = run_importguard(root, "--fix", *FIXABLE)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")


def test_diff_writes_nothing_and_patch_applies_it(tmp_path, run_importguard, snapshot, project_copy, run_command):
    root = project_copy(tmp_path)
    before = snapshot(root)
    diff = run_importguard(root, "--diff", "tests")
    assert diff.returncode == 1
    assert snapshot(root) == before
    assert "[not fixed:" in diff.stderr and "[not fixed:" not in diff.stdout  # stdout is only the patch
    patched = run_command(["patch", "-p0", "--quiet"], root, stdin=diff.stdout)
    assert patched.returncode == 0, patched.stderr
    fixed_copy = project_copy(tmp_path / "other")
    run_importguard(fixed_copy, "--fix", "tests")
    assert snapshot(root) == snapshot(fixed_copy)


def test_stdin_in_stdout_out(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    source = (root / "tests/test_rename.py").read_bytes()
    result = run_importguard(root, "--fix", "-", "--stdin-display-name", "tests/test_rename.py", stdin=source)
    assert result.stdout.startswith('"""Renamed')
    assert "import ConnectionManager as WebSocketConnectionManager" in result.stdout
    assert (root / "tests/test_rename.py").read_bytes() == source
    clean = run_importguard(root, "--fix", "-", "--stdin-display-name", "tests/test_rename.py", stdin=result.stdout)
    assert (clean.returncode, clean.stdout) == (0, result.stdout)


def test_select_and_exit_zero(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    result = run_importguard(root, "--fix", "--select", "IMG101", "tests/test_module_move.py", "tests/test_rename.py")
    assert result.stderr.splitlines() == ["Rewriting tests/test_module_move.py"]
    assert result.stdout == ""
    assert run_importguard(root, "--fix", "--exit-zero", "tests/test_rename.py").returncode == 0
    assert run_importguard(root, "--exit-zero", "tests/test_ambiguous.py").returncode == 0


def test_noqa_lines_are_neither_fixed_nor_reported(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    path = root / "tests/test_rename.py"
    source = path.read_text().replace("# IMG102 \"did you mean 'ConnectionManager'?\"", "# noqa: IMG102")
    path.write_text(source)
    result = run_importguard(root, "--fix", "tests/test_rename.py")
    lines = path.read_text().splitlines()
    assert lines[1] == "from app.websocket.connection_manager import WebSocketConnectionManager  # noqa: IMG102"
    assert lines[2].startswith("from app.models.user import User as U")
    assert result.stdout == ""


def test_imports_of_installed_packages_are_never_rewritten(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    site = tmp_path / "site" / "vendorlib"
    site.mkdir(parents=True)
    (site / "__init__.py").write_text("def helper():\n    pass\n")
    path = root / "tests/test_vendor.py"
    path.write_text("from vendorlib import helpr, Thread\n")
    result = run_importguard(root, "--fix", "--third-party", "tests/test_vendor.py",
                             env={"PYTHONPATH": str(site.parent)})
    assert path.read_text() == "from vendorlib import helpr, Thread\n"
    assert [line.split(" [")[-1] for line in result.stdout.splitlines()] == [
        "not fixed: the module is an installed package, not the project's]",
        "not fixed: the module is an installed package, not the project's]",
    ]


def test_a_fix_that_would_leave_a_failing_import_is_refused(tmp_path, project_copy):
    root = project_copy(tmp_path)
    path = str(root / "tests/test_x.py")
    source = b"from app.models import Thread\n"
    [found] = check(source, path)
    assert found.fixable and found.fix.target_module == "app.db.models_agent"

    def check_rewrite(data: bytes) -> list:
        return check(data, path)

    assert fix_source(source, [found], check_rewrite).fixed == b"from app.db.models_agent import Thread\n"
    wrong = dataclasses.replace(found, fix=dataclasses.replace(found.fix, target_module="app.nowhere"))
    refused = fix_source(source, [wrong], check_rewrite)
    assert refused.fixed == source and refused.notes[found.key] is NotFixed.NEW_FINDINGS
    assert render_not_fixed(NotFixed.NEW_FINDINGS, wrong, refused.refusals[found.key]) == (
        "[not fixed: the rewritten import would fail too: IMG101 module 'app.nowhere' does not exist; "
        "'Thread' is defined in 'app.db.models_agent']")


def test_a_fix_refused_because_the_home_fails_says_why_as_img105_does(tmp_path, run_importguard):
    """The only home of the name imports something that is not there: moving the import there
    would fail too, and the note names the import that fails, in IMG105's words."""
    root = tmp_path / "project"
    files = {
        "pyproject.toml": "[project]\nname = 'x'\n",
        "app/__init__.py": "", "app/services/__init__.py": "", "tests/__init__.py": "", "tests/helpers/__init__.py": "",
        "app/models.py": "class User:\n    pass\n",
        "app/services/user.py": "import json\n\nfrom app.models import Account\n",
        "tests/helpers/user_flow.py": ("import unittest\n\nimport app.services.user\n\n\n"
                                       "class UserFlowTestBase(unittest.TestCase):\n    pass\n"),
        "tests/test_flow.py": "from tests.helpers import UserFlowTestBase\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    result = run_importguard(root, "--fix", "--no-cache", "tests/test_flow.py")
    assert (root / "tests/test_flow.py").read_text() == files["tests/test_flow.py"]
    assert result.stdout.splitlines() == [
        "tests/test_flow.py:1:1: IMG102 'UserFlowTestBase' is not defined in 'tests.helpers'; 'UserFlowTestBase' "
        "is defined in 'tests.helpers.user_flow' [not fixed: 'UserFlowTestBase' is defined in "
        "'tests.helpers.user_flow', but importing it fails: app/services/user.py:3 imports 'Account' from "
        "'app.models', which does not define it]"]
    (root / "app/models.py").write_text("class User:\n    pass\n\n\nclass Account:\n    pass\n")
    assert run_importguard(root, "--fix", "--no-cache", "tests/test_flow.py").returncode == 1
    assert (root / "tests/test_flow.py").read_text() == "from tests.helpers.user_flow import UserFlowTestBase\n"


# -- files: line endings, encodings, modes, links, files that do not parse ---------------------------
@pytest.mark.parametrize("encoded, expected", [
    (b"from app.models import User, Thread\r\nx = 1\r\n",
     b"from app.models import User\r\nfrom app.db.models_agent import Thread\r\nx = 1\r\n"),
    (b"\xef\xbb\xbffrom app.models import Thread\nname = '\xc3\xa9'\n",
     b"\xef\xbb\xbffrom app.db.models_agent import Thread\nname = '\xc3\xa9'\n"),
    (b"# -*- coding: latin-1 -*-\nfrom app.models import Thread\nname = '\xe9'\n",
     b"# -*- coding: latin-1 -*-\nfrom app.db.models_agent import Thread\nname = '\xe9'\n"),
])
def test_line_endings_bom_and_encoding_are_kept(tmp_path, encoded, expected, run_importguard, imports, project_copy):
    root = project_copy(tmp_path)
    path = root / "tests/test_bytes.py"
    path.write_bytes(encoded)
    assert run_importguard(root, "--fix", "tests/test_bytes.py").returncode == 1
    assert path.read_bytes() == expected
    assert imports(root, "tests.test_bytes")


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_file_mode_is_kept_and_a_link_stays_a_link(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    target = root / "tests/test_rename.py"
    os.chmod(target, 0o754)
    link = root / "tests/test_linked.py"
    link.symlink_to("test_rename.py")
    assert run_importguard(root, "--fix", "tests/test_linked.py").returncode == 1
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o754
    assert link.is_symlink() and b"ConnectionManager as WebSocketConnectionManager" in target.read_bytes()
    assert not [p for p in (root / "tests").iterdir() if p.name.endswith(".importguard")]


def test_nothing_outside_the_project_is_written(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    outside = tmp_path / "outside.py"
    outside.write_bytes((root / "tests/test_rename.py").read_bytes())
    (root / "tests/test_outside.py").symlink_to(outside)
    before = outside.read_bytes()
    result = run_importguard(root, "--fix", "tests/test_outside.py")
    assert outside.read_bytes() == before
    assert "not written: OutsideRoot" in result.stderr
    assert result.returncode == 1


def test_a_file_that_does_not_parse_is_never_touched(tmp_path, run_importguard, project_copy):
    root = project_copy(tmp_path)
    path = root / "tests/test_broken.py"
    path.write_bytes(b"from app.models import Thread\ndef broken(:\n")
    result = run_importguard(root, "--fix", "tests/test_broken.py")
    assert result.returncode == 1
    assert path.read_bytes() == b"from app.models import Thread\ndef broken(:\n"
    assert "cannot parse" in result.stderr


def test_the_fixed_tree_is_what_cpython_imports(tmp_path, run_importguard, run_python, project_copy):
    """The rewrite imports the very class the project defines (not a copy, not a mock)."""
    root = project_copy(tmp_path)
    run_importguard(root, "--fix", "tests/test_move.py")
    check = run_python(root, "import tests.test_move as t, app.db.models_agent as m; "
                             "assert t.Thread is m.Thread and t.Message is m.Message")
    assert check.returncode == 0, check.stderr


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_a_read_only_file_is_not_rewritten(tmp_path, run_importguard, project_copy):
    """A read-only test file (0444: generated, vendored, locked) is not replaced through the
    temporary file and rename, which would bypass its mode; it is said, and its finding stays."""
    root = project_copy(tmp_path)
    target = root / "tests/test_rename.py"
    before = target.read_bytes()
    os.chmod(target, 0o444)
    result = run_importguard(root, "--fix", "tests/test_rename.py")
    assert result.returncode == 1
    assert target.read_bytes() == before and stat.S_IMODE(os.stat(target).st_mode) == 0o444
    assert "tests/test_rename.py: not written: PermissionError: [Errno 13] read-only file" in result.stderr
    assert "Rewriting" not in result.stderr
    assert "IMG102 'WebSocketConnectionManager'" in result.stdout, result.stdout
    diff = run_importguard(root, "--diff", "tests/test_rename.py")  # --diff writes nothing: it shows it
    assert diff.returncode == 1 and "+from " in diff.stdout and target.read_bytes() == before


def test_diff_reports_the_lines_of_the_file_as_it_is(tmp_path, run_importguard, project_copy):
    """The fix splits line 1 in two: what --diff reports (nothing is written) is on the original
    file's lines, where an editor or CI annotation would put it."""
    root = project_copy(tmp_path)
    (root / "tests/test_shift.py").write_text("from app.models import User, Thread\nfrom app.models import Nowhere\n")
    plain = run_importguard(root, "tests/test_shift.py")
    assert plain.stdout.startswith("tests/test_shift.py:1:1: IMG102 'Thread'"), plain.stdout
    diff = run_importguard(root, "--diff", "tests/test_shift.py")
    assert "+from app.db.models_agent import Thread\n" in diff.stdout
    reported = [line for line in diff.stderr.splitlines() if line.startswith("tests/test_shift.py:")]
    assert [line.split(": IMG")[0] for line in reported] == ["tests/test_shift.py:2:1"], diff.stderr
    fixed = run_importguard(root, "--fix", "tests/test_shift.py")  # after writing: the written file's lines
    assert fixed.stdout.startswith("tests/test_shift.py:3:1: IMG102 'Nowhere'"), fixed.stdout
