"""The importguard command, run as a user runs it (a subprocess), on a project on disk."""
from __future__ import annotations

from support import APP


def test_reports_like_flake8_and_exits_1(tmp_path, write_tree, run_importguard):
    write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_t.py": "from app.db.models_agent import Threads\n"})
    proc = run_importguard(tmp_path, "tests")
    assert proc.stdout.splitlines() == [
        "tests/test_t.py:1:1: IMG102 'Threads' is not defined in 'app.db.models_agent'; did you mean 'Thread'?"
    ]
    assert proc.returncode == 1
    assert run_importguard(tmp_path, "tests", "--exit-zero").returncode == 0


def test_clean_project_exits_0(tmp_path, write_tree, run_importguard):
    write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_t.py": "from app.db.models_agent import Thread\n"})
    proc = run_importguard(tmp_path, ".")
    assert (proc.stdout, proc.returncode) == ("", 0)


def test_noqa_is_honoured_as_flake8_does(tmp_path, write_tree, run_importguard):
    write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_t.py": (
        "from app.db.models_agent import A  # noqa\n"
        "from app.db.models_agent import B  # noqa: IMG102\n"
        "from app.db.models_agent import C  # noqa: E501\n"
        "from app.db.models_agent import D  # NOQA:IMG1\n"
    )})
    proc = run_importguard(tmp_path, "tests")
    assert [line.split(":")[1] for line in proc.stdout.splitlines()] == ["3"]


def test_select(tmp_path, write_tree, run_importguard):
    write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_t.py": "from app.db.models_agent import Threads\n"})
    assert run_importguard(tmp_path, "tests", "--select=IMG2").stdout == ""
    assert run_importguard(tmp_path, "tests", "--select=IMG1").stdout != ""


def test_stdin_with_display_name(tmp_path, write_tree, run_importguard):
    write_tree(tmp_path, {**APP, "pyproject.toml": ""})
    proc = run_importguard(tmp_path, "--stdin-display-name", "tests/test_new.py", "-", stdin="import app.db.gone\n")
    assert proc.stdout.startswith("tests/test_new.py:1:1: IMG101 module 'app.db.gone' does not exist")


def test_unparsable_file_gets_a_clear_message(tmp_path, write_tree, run_importguard):
    write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_bad.py": "def broken(:\n"})
    proc = run_importguard(tmp_path, "tests")
    assert proc.returncode == 1
    assert "tests/test_bad.py:1: cannot parse: SyntaxError" in proc.stderr
    assert "Traceback" not in proc.stderr
