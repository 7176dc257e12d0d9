"""One configuration: the plugin and the command read the same options from the same files, with
the precedence the README states, and name the file and the key of a bad one."""
from __future__ import annotations

import pytest

from support import APP, without_summary

BROKEN = "from app.db.models_agent import Gone\n"
TREE = {**APP, "pyproject.toml": "", "checks/verify.py": BROKEN, "other/verify.py": BROKEN, "third/verify.py": BROKEN}


def flagged(proc) -> set[str]:
    """The directories of the files with findings."""
    return {line.split(":")[0].lstrip("./").split("/")[0] for line in proc.stdout.splitlines()}


@pytest.fixture
def both(run_flake8, run_importguard):
    def both(root, *args: str, flake8: tuple[str, ...] = (), command: tuple[str, ...] = ()):
        return (run_flake8(root, "--select=IMG", *flake8, *args, script=True),
                run_importguard(root, *command, *args, script=True))
    return both


@pytest.mark.parametrize("files,wanted", [
    ({"pyproject.toml": '[tool.importguard]\ntest-patterns = ["checks/"]\n'}, {"checks"}),
    ({"pyproject.toml": '[tool.importguard]\ntest-patterns = "checks/,third/"\n'}, {"checks", "third"}),
    ({"setup.cfg": "[flake8]\nimportguard-test-patterns = other/\n"}, {"other"}),
    ({"tox.ini": "[flake8]\nimportguard_test_patterns = other/\n"}, {"other"}),
    ({".flake8": "[flake8]\nimportguard-test-patterns =\n    other/,\n    third/\n"}, {"other", "third"}),
    # flake8's file wins over pyproject.toml
    ({"pyproject.toml": '[tool.importguard]\ntest-patterns = ["checks/"]\n',
      "setup.cfg": "[flake8]\nimportguard-test-patterns = other/\n"}, {"other"}),
    # pyproject.toml gives what flake8's file does not
    ({"pyproject.toml": '[tool.importguard]\ntest-patterns = ["checks/"]\nall-files = false\n',
      "setup.cfg": "[flake8]\nmax-line-length = 100\n"}, {"checks"}),
])
def test_files_configure_both_front_ends_alike(tmp_path, write_tree, both, files, wanted):
    write_tree(tmp_path, {**TREE, **files})
    for proc in both(tmp_path, "."):
        assert flagged(proc) == wanted, proc.stdout + proc.stderr


def test_command_line_wins_over_every_file(tmp_path, write_tree, both):
    write_tree(tmp_path, {**TREE, "pyproject.toml": '[tool.importguard]\ntest-patterns = ["checks/"]\n',
                          "setup.cfg": "[flake8]\nimportguard-test-patterns = other/\n"})
    for proc in both(tmp_path, ".", flake8=("--importguard-test-patterns=third/",),
                     command=("--test-patterns=third/",)):
        assert flagged(proc) == {"third"}, proc.stdout + proc.stderr


def test_isolated_and_config_as_flake8_has_them(tmp_path, write_tree, both):
    write_tree(tmp_path, {**TREE, "setup.cfg": "[flake8]\nimportguard-test-patterns = other/\n",
                          "alt.cfg": "[flake8]\nimportguard-test-patterns = third/\n"})
    for proc in both(tmp_path, ".", flake8=("--isolated",), command=("--isolated",)):
        assert flagged(proc) == set(), proc.stdout + proc.stderr  # the default patterns: no tests/ here
    for proc in both(tmp_path, ".", flake8=("--config=alt.cfg",), command=("--config=alt.cfg",)):
        assert flagged(proc) == {"third"}, proc.stdout + proc.stderr


def test_a_path_in_a_file_is_relative_to_that_file(tmp_path, write_tree, both):
    write_tree(tmp_path, {**TREE, "lib/shared/__init__.py": "VALUE = 1\n",
                          "checks/verify.py": "from shared import VALUE, OTHER\n",
                          "pyproject.toml": '[tool.importguard]\ntest-patterns = ["checks/"]\nsrc = ["lib"]\n'
                                            'cache-dir = ".cache/importguard"\n'})
    for proc in both(tmp_path / "checks", "verify.py"):
        assert "IMG102 'OTHER' is not defined in 'shared'" in proc.stdout, proc.stdout + proc.stderr
    assert (tmp_path / ".cache" / "importguard").is_dir()


@pytest.mark.parametrize("files,where", [
    ({"setup.cfg": "[flake8]\nimportguard-test-patern = checks/\n"},
     "setup.cfg: importguard-test-patern: unknown option; did you mean 'importguard-test-patterns'?"),
    ({".flake8": "[flake8]\nimportguard_baselin = b.json\n"},
     ".flake8: importguard_baselin: unknown option; did you mean 'importguard-baseline'?"),
    ({"pyproject.toml": "[tool.importguard]\ntest-patern = ['checks/']\n"},
     "pyproject.toml: tool.importguard.test-patern: unknown option; did you mean 'test-patterns'?"),
    ({"pyproject.toml": "[tool.importguard]\ntest_patterns = ['checks/']\n"},
     "pyproject.toml: tool.importguard.test_patterns: unknown option; did you mean 'test-patterns'?"),
    ({"pyproject.toml": "[tool.importguard]\nall-files = 'maybe'\n"},
     "pyproject.toml: tool.importguard.all-files: expected true or false, got 'maybe'"),
    ({"tox.ini": "[flake8]\nimportguard-all-files = maybe\n"},
     "tox.ini: importguard-all-files: expected true or false, got 'maybe'"),
    ({"pyproject.toml": "[tool.importguard]\nsrc = 3\n"},
     "pyproject.toml: tool.importguard.src: expected comma-separated names or a list of strings, got 3"),
    ({"pyproject.toml": "[tool.importguard]\nformat = 'json'\n"},
     "pyproject.toml: tool.importguard.format: unknown option"),
    ({"pyproject.toml": "[tool.importguard]\nall-files = true\nall-files = false\n"},
     "pyproject.toml: tool.importguard: not valid TOML: Cannot overwrite a value (at line 3, column 18)"),
])
def test_bad_keys_and_values_name_the_file_and_the_key(tmp_path, write_tree, both, files, where):
    write_tree(tmp_path, {**TREE, **files})
    flake8_run, command_run = both(tmp_path, ".")
    assert command_run.returncode == 2 and where in command_run.stderr, command_run.stderr
    assert "Traceback" not in command_run.stderr
    assert flake8_run.returncode == 1 and where in flake8_run.stdout + flake8_run.stderr, flake8_run.stdout
    assert "Traceback" not in flake8_run.stdout + flake8_run.stderr


def test_a_broken_pyproject_that_is_not_ours_is_left_to_the_build_tools(tmp_path, write_tree, both):
    write_tree(tmp_path, {**TREE, "pyproject.toml": "[project\nname = 'app'\n", "setup.cfg": "[flake8]\n"
                          "importguard-test-patterns = other/\n"})
    flake8_run, command_run = both(tmp_path, ".")
    assert "TOML" not in command_run.stderr + flake8_run.stdout + flake8_run.stderr
    assert flagged(command_run) == flagged(flake8_run) == {"other"}


def test_the_issue_case_both_hooks_fail_on_one_tree(tmp_path, write_tree, both):
    """`importguard-test-patterns` in setup.cfg: the flake8 hook and the importguard hook agree."""
    write_tree(tmp_path, {**TREE, "setup.cfg": "[flake8]\nimportguard-test-patterns = checks/\n"})
    flake8_run, command_run = both(tmp_path, "checks/verify.py")
    assert flake8_run.returncode == command_run.returncode == 1
    assert [line.removeprefix("./") for line in flake8_run.stdout.splitlines()] == command_run.stdout.splitlines()
    assert without_summary(command_run.stderr) == ""


@pytest.mark.parametrize("root", ["nope", "pyproject.toml"])  # missing; a file
def test_a_root_that_is_not_a_directory_is_refused(tmp_path, write_tree, both, snapshot, run_importguard, root):
    write_tree(tmp_path, {**TREE, "tests/test_t.py": BROKEN})
    before = snapshot(tmp_path)
    flake8_run, command_run = both(tmp_path, "tests", flake8=(f"--importguard-root={root}",),
                                   command=(f"--root={root}",))
    message = f"root {str(tmp_path / root)!r} is not a directory"
    assert command_run.returncode == 2 and message in command_run.stderr, command_run.stderr
    assert flake8_run.returncode == 1 and message in flake8_run.stdout + flake8_run.stderr, flake8_run.stdout
    assert "Traceback" not in command_run.stderr + flake8_run.stdout + flake8_run.stderr
    report = run_importguard(tmp_path, "report", "tests", f"--root={root}")
    assert report.returncode == 2 and message in report.stderr, report.stderr
    assert snapshot(tmp_path) == before and not (tmp_path / "nope").exists()


def test_a_root_in_a_configuration_file_is_checked_too(tmp_path, write_tree, both):
    write_tree(tmp_path, {**TREE, "setup.cfg": "[flake8]\nimportguard-root = missing\n"})
    for proc in both(tmp_path, "."):
        assert f"root {str(tmp_path / 'missing')!r} is not a directory" in proc.stdout + proc.stderr
