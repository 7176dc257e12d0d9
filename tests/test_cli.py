"""The importguard command, run as a user runs it (a subprocess), on a project on disk."""
from __future__ import annotations

import sys

import pytest

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


@pytest.mark.parametrize("config", [
    {"pyproject.toml": '[project]\nname = "app"\nrequires-python = ">=3.99"\n'},
    {"setup.cfg": "[options]\npython_requires = ~=3.99\n"},
])
def test_a_file_in_syntax_newer_than_this_python_says_which_python_the_project_requires(
        tmp_path, write_tree, run_importguard, config):
    """sphinx (requires-python >=3.12) under Python 3.11: its `type X = ...` test modules do not
    parse here; the message says why, and what to do."""
    write_tree(tmp_path, {**APP, **config, "tests/test_new.py": "type Alias = list[int]\n",
                          "tests/test_bad.py": "def broken(:\n"})
    proc = run_importguard(tmp_path, "tests")
    here = ".".join(map(str, sys.version_info[:2]))
    required = ">=3.99" if "pyproject.toml" in config else "~=3.99"
    hint = f"(this is Python {here}; the project requires Python {required}: run importguard with one it supports)"
    assert f"tests/test_bad.py:1: cannot parse: SyntaxError: invalid syntax {hint}" in proc.stderr, proc.stderr
    if sys.version_info < (3, 12):  # a `type` statement is new in 3.12
        assert f"tests/test_new.py:1: cannot parse: SyntaxError: invalid syntax {hint}" in proc.stderr
    write_tree(tmp_path, {"pyproject.toml": '[project]\nname = "app"\nrequires-python = ">=3.10"\n',
                          "setup.cfg": ""})
    proc = run_importguard(tmp_path, "tests")
    assert "tests/test_bad.py:1: cannot parse: SyntaxError: invalid syntax\n" in proc.stderr, proc.stderr


def test_help_names_the_report_command(tmp_path, run_importguard):
    proc = run_importguard(tmp_path, "--help")
    assert proc.returncode == 0 and "importguard report" in proc.stdout and "importguard lsp" in proc.stdout


@pytest.mark.parametrize("command", [(), ("report",)])
def test_a_bad_jobs_value_says_what_is_expected(tmp_path, run_importguard, command):
    proc = run_importguard(tmp_path, *command, "-j", "foo")
    assert proc.returncode == 2
    assert "argument -j/--jobs: expected a positive number or 'auto', got 'foo'" in proc.stderr, proc.stderr
    assert "parse_jobs" not in proc.stderr


def test_write_baseline_reports_what_it_recorded(tmp_path, write_tree, run_importguard):
    """The summary line of a run that writes a baseline counts the findings it wrote, not 0."""
    write_tree(tmp_path, {**APP, "pyproject.toml": "", "tests/test_t.py": "from app.db.models_agent import A, B\n"})
    proc = run_importguard(tmp_path, "tests", "--write-baseline=baseline.json")
    assert proc.returncode == 0
    assert "Wrote 2 findings to baseline.json" in proc.stderr
    assert ": 2 findings in 1 file, 0 fixable" in proc.stderr, proc.stderr
