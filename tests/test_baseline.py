"""Baselines: new findings fail, recorded ones pass, shifted lines stay recorded, fixed ones are
listed as removable and pruned by --write-baseline; the flake8 plugin honours the same file."""
from __future__ import annotations

import json

import pytest

from support import APP, without_summary

BROKEN = "from app.db.models_agent import Gone\n"


@pytest.fixture
def project(tmp_path, write_tree):
    return write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_a.py": BROKEN + "from app.db import lost\n",
                                 "tests/test_b.py": "import os\n" + BROKEN})


def codes(proc) -> list[str]:
    return [line.split(": ", 1)[0] + " " + line.split(": ", 1)[1].split(" ")[0] for line in proc.stdout.splitlines()]


def test_recorded_findings_pass_and_new_ones_fail(project, run_importguard):
    written = run_importguard(project, "tests", "--write-baseline=baseline.json")
    assert written.returncode == 0 and written.stdout == "", written.stderr
    assert "Wrote 3 findings to baseline.json" in written.stderr
    entries = json.loads((project / "baseline.json").read_text())["findings"]
    assert sorted((e["file"], e["code"], e["statement"]) for e in entries) == [
        ("tests/test_a.py", "IMG102", "from app.db import lost"),
        ("tests/test_a.py", "IMG102", "from app.db.models_agent import Gone"),
        ("tests/test_b.py", "IMG102", "from app.db.models_agent import Gone"),
    ]
    again = run_importguard(project, "tests", "--baseline=baseline.json")
    assert (again.returncode, again.stdout) == (0, "")
    (project / "tests/test_b.py").write_text("import os\n" + BROKEN + "from app.db.models_agent import Missing\n")
    new = run_importguard(project, "tests", "--baseline=baseline.json")
    assert new.returncode == 1
    assert new.stdout.splitlines() == [
        "tests/test_b.py:3:1: IMG102 'Missing' is not defined in 'app.db.models_agent'; "
        "'Missing' is defined nowhere in the project"]


def test_shifted_lines_and_layout_stay_recorded(project, run_importguard):
    run_importguard(project, "tests", "--write-baseline=baseline.json")
    (project / "tests/test_a.py").write_text(
        '"""Docs."""\nimport os\n\n\nfrom app.db.models_agent import (  # a comment\n    Gone,\n)\n'
        "from app.db import lost\n")
    proc = run_importguard(project, "tests", "--baseline=baseline.json")
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stdout


def test_counts_matter(project, run_importguard):
    """Two recorded findings with one key: a third like them is new."""
    (project / "tests/test_b.py").write_text(BROKEN * 2)
    run_importguard(project, "tests", "--write-baseline=baseline.json")
    (project / "tests/test_b.py").write_text(BROKEN * 3)
    proc = run_importguard(project, "tests", "--baseline=baseline.json")
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 1


def test_fixed_findings_are_listed_as_removable_and_pruned(project, run_importguard):
    run_importguard(project, "tests", "--write-baseline=baseline.json")
    (project / "tests/test_a.py").write_text("from app.db import lost\n")
    proc = run_importguard(project, "tests", "--baseline=baseline.json")
    assert (proc.returncode, proc.stdout) == (0, "")
    assert without_summary(proc.stderr).splitlines() == [
        "tests/test_a.py: IMG102 'Gone' is gone: remove it from the baseline with --write-baseline baseline.json"]
    pruned = run_importguard(project, "tests", "--baseline=baseline.json", "--write-baseline=baseline.json")
    assert pruned.returncode == 0
    assert len(json.loads((project / "baseline.json").read_text())["findings"]) == 2
    assert "is gone" not in run_importguard(project, "tests", "--baseline=baseline.json").stderr


def test_writing_for_some_files_keeps_the_others(project, run_importguard):
    run_importguard(project, "tests", "--write-baseline=baseline.json")
    (project / "tests/test_b.py").write_text("import os\n")
    run_importguard(project, "tests/test_a.py", "--write-baseline=baseline.json")
    files = [e["file"] for e in json.loads((project / "baseline.json").read_text())["findings"]]
    assert sorted(files) == ["tests/test_a.py", "tests/test_a.py", "tests/test_b.py"]  # test_b.py was not checked
    (project / "tests/test_b.py").unlink()
    run_importguard(project, "tests/test_a.py", "--write-baseline=baseline.json")
    files = [e["file"] for e in json.loads((project / "baseline.json").read_text())["findings"]]
    assert sorted(files) == ["tests/test_a.py", "tests/test_a.py"]  # a deleted file's entries go


def test_flake8_and_the_editor_honour_the_same_baseline(project, run_importguard, run_flake8):
    run_importguard(project, "tests", "--write-baseline=baseline.json")
    (project / "tests/test_b.py").write_text("import os\n" + BROKEN + "from app.db.models_agent import Missing\n")
    command = run_importguard(project, "tests", "--baseline=baseline.json").stdout.splitlines()
    assert len(command) == 1
    plugin = run_flake8(project, "--select=IMG", "--importguard-baseline=baseline.json", "tests", script=True)
    assert plugin.stdout.splitlines() == command
    (project / "setup.cfg").write_text("[flake8]\nimportguard-baseline = baseline.json\n")
    editor = run_flake8(project, "--select=IMG", "--stdin-display-name=tests/test_b.py", "-", script=True,
                        stdin=(project / "tests/test_b.py").read_text())
    assert editor.stdout.splitlines() == command
    assert run_importguard(project, "tests").stdout.splitlines() == command  # the configured baseline


def test_a_broken_baseline_file_is_a_clear_error(project, run_importguard, run_flake8):
    (project / "baseline.json").write_text("{not json")
    proc = run_importguard(project, "tests", "--baseline=baseline.json")
    assert proc.returncode == 2 and "baseline.json: not a baseline file" in proc.stderr
    flake8 = run_flake8(project, "--select=IMG", "--importguard-baseline=baseline.json", "tests", script=True)
    assert flake8.returncode == 1 and "baseline.json: not a baseline file" in flake8.stdout
    assert "Traceback" not in proc.stderr + flake8.stdout + flake8.stderr


def test_a_missing_baseline_file_is_an_error_for_reading_only(project, run_importguard, run_flake8):
    """A mistyped path must not make a legacy suite fail with every old finding."""
    message = "baseline.json: no such baseline file (record one with --write-baseline)"
    proc = run_importguard(project, "tests", "--baseline=baseline.json")
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert proc.stdout == "" and not (project / "baseline.json").exists()
    flake8 = run_flake8(project, "--select=IMG", "--importguard-baseline=baseline.json", "tests", script=True)
    assert flake8.returncode == 1 and message in flake8.stdout + flake8.stderr, flake8.stdout
    report = run_importguard(project, "report", "tests", "--compare=baseline.json")
    assert report.returncode == 2 and message in report.stderr, report.stderr
    assert "Traceback" not in proc.stderr + flake8.stdout + flake8.stderr + report.stderr
    written = run_importguard(project, "tests", "--write-baseline=baseline.json")
    assert written.returncode == 0 and (project / "baseline.json").exists(), written.stderr
    assert run_importguard(project, "tests", "--baseline=baseline.json").returncode == 0
