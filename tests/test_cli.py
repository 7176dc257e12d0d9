"""The importguard command, run as a user runs it (a subprocess), on a project on disk."""
from __future__ import annotations

import fnmatch
import os
import sys

import pytest
from hypothesis import given, settings, strategies as st

from flake8_importguard.base.config import patterns as patterns_of
from flake8_importguard.base.files import Excluded

from support import APP, GIT_USER


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


EXCLUDING = {**APP, "pyproject.toml": "", "tests/test_ok.py": "from app.db.models_agent import Thread\n",
             # sphinx's test roots: data, never collected
             "tests/roots/target/need_mocks.py": "import app.db.models_agent\nimport app.missing_module\n",
             "tests/test_models_gen.py": "from app.db.models_agent import Gone\n"}


@pytest.mark.parametrize("given", [
    ("--extend-exclude", "tests/roots,*_gen.py"),
    ("--exclude", "tests/roots,*_gen.py"),
    ({"setup.cfg": "[flake8]\nimportguard-extend-exclude =\n    tests/roots,\n    *_gen.py\n"},),
    ({"tox.ini": "[flake8]\nimportguard-exclude = ./tests/roots,*_gen.py\n"},),
    ({"pyproject.toml": '[tool.importguard]\nextend-exclude = ["tests/roots", "*_gen.py"]\n'},),
])
def test_exclude_leaves_out_files_and_directories_as_flake8_does(tmp_path, write_tree, run_importguard, given):
    """`exclude` and `extend-exclude` as flake8 reads its own, from the command line, flake8's
    configuration file (`importguard-` keys) or `[tool.importguard]`: a pattern with a `/` is a
    path from where it is written, one without matches names; the walk and the report leave out
    what they match."""
    write_tree(tmp_path, EXCLUDING)
    everything = run_importguard(tmp_path, "tests")
    assert {line.split(":")[0] for line in everything.stdout.splitlines()} == {
        "tests/roots/target/need_mocks.py", "tests/test_models_gen.py"}, everything.stdout
    args = given if isinstance(given[0], str) else ()
    if not args:
        write_tree(tmp_path, given[0])
    proc = run_importguard(tmp_path, *args, "tests")
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr
    assert "checked 2 test files" in proc.stderr  # tests/__init__.py, tests/test_ok.py
    report = run_importguard(tmp_path, "report", *args, "tests")
    assert "2 test files scanned: 0 findings" in report.stdout, report.stdout


def test_flake8s_own_exclude_is_flake8s(tmp_path, write_tree, run_importguard):
    """A project that keeps flake8 off its tests (`exclude = tests`) still has them checked here."""
    write_tree(tmp_path, {**EXCLUDING, "setup.cfg": "[flake8]\nexclude = tests,*_gen.py\n"})
    proc = run_importguard(tmp_path, "tests")
    assert {line.split(":")[0] for line in proc.stdout.splitlines()} == {
        "tests/roots/target/need_mocks.py", "tests/test_models_gen.py"}, proc.stdout


def test_exclude_is_matched_against_a_file_named_as_flake8_matches_it(tmp_path, write_tree, run_importguard):
    """A file named on the command line (pre-commit names each) is left out when its name or
    path matches; one inside an excluded directory is checked, as flake8 checks it (pre-commit's
    own `exclude:` is for that)."""
    write_tree(tmp_path, EXCLUDING)
    proc = run_importguard(tmp_path, "--extend-exclude", "*_gen.py,tests/roots", "tests/test_models_gen.py",
                           "tests/roots/target/need_mocks.py")
    assert [line.split(":")[0] for line in proc.stdout.splitlines()] == ["tests/roots/target/need_mocks.py"]


def test_changed_leaves_out_the_reached_files_an_excluded_directory_holds(
        tmp_path, write_tree, run_importguard, run_command):
    write_tree(tmp_path, EXCLUDING)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        assert run_command(["git", *args], tmp_path, env=GIT_USER).returncode == 0
    (tmp_path / "app/db/__init__.py").write_text("VERSION = 2\n")  # the test files of app.db read it
    reached = run_importguard(tmp_path, "--changed-since", "HEAD")
    assert {line.split(":")[0] for line in reached.stdout.splitlines()} == {
        "tests/roots/target/need_mocks.py", "tests/test_models_gen.py"}, reached.stdout + reached.stderr
    proc = run_importguard(tmp_path, "--changed-since", "HEAD", "--extend-exclude", "tests/roots,*_gen.py")
    assert proc.stdout == "", proc.stdout + proc.stderr


def test_a_check_that_fails_on_one_file_says_where_and_checks_the_others(
        tmp_path, write_tree, run_importguard, monkeypatch):
    """A bug of ours that raises on one file (structlog's `monkeypatch.setattr(target=..., name=...)`
    once did, in patchcalls) is said with the file and where, and the run goes on: the other
    files' findings are all there, and the run fails. The fault is injected: no input is known
    to raise now."""
    from flake8_importguard.lint import patchcalls

    def broken(node):
        raise IndexError("list index out of range")

    monkeypatch.setattr(patchcalls, "_string", broken)
    write_tree(tmp_path, {**APP, "pyproject.toml": "",
                          "tests/test_patched.py": "from unittest import mock\n\n\n@mock.patch('app.db.x')\n"
                                                   "def test_it(x):\n    pass\n",
                          "tests/test_gone.py": "from app.db.models_agent import Gone\n"})
    proc = run_importguard(tmp_path, "-j1", "tests")
    assert proc.returncode == 1
    assert proc.stdout.startswith("tests/test_gone.py:1:1: IMG102 'Gone' is not defined"), proc.stdout
    assert ("tests/test_patched.py: internal error, not checked: IndexError: list index out of range "
            "(lint/patchcalls.py:") in proc.stderr, proc.stderr
    assert "please report it" in proc.stderr and "Traceback" not in proc.stderr


_PART = st.sampled_from(["tests", "roots", "a.egg", "x_gen.py", "CVS", ".git", "data", "t[1]"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["tests/roots", "*_gen.py", "*.egg", "CVS", "*roots*", "?ata", "t[[]1]", "./data",
                                 ".git"]), max_size=4),
       st.lists(_PART, min_size=1, max_size=4))
def test_exclude_matches_what_fnmatch_matches(patterns, parts):
    """Excluded's one expression a walk matches names with says what flake8's fnmatch of each
    pattern against the name and the absolute path says."""
    here = os.getcwd()
    read = patterns_of(",".join(patterns), here)
    path = os.path.join(*parts)
    expected = any(fnmatch.fnmatch(os.path.basename(path), p) or fnmatch.fnmatch(os.path.abspath(path), p)
                   for p in read)
    assert Excluded(read)(path) is expected
