"""The pytest plugin, end to end: the real pytest in a copy of the demo project, with the plugin
loaded as users get it (the package's `pytest11` entry point)."""
from __future__ import annotations

import re
import sys

import pytest

from support import DEMO, readme

PYTEST = (sys.executable, "-m", "pytest", "-p", "no:cacheprovider")
SECTION = re.compile(r"^-+ importguard -+$", re.M)


@pytest.fixture
def demo(tmp_path, project_copy, run_command):
    root = project_copy(tmp_path, DEMO)

    def pytest_(*args: str):
        return run_command([*PYTEST, *args], root)
    return root, pytest_


def summary(proc) -> str:
    return proc.stdout.strip().splitlines()[-1].strip("= ").split(" in ")[0]  # "1 error", "2 passed", ...


def section(proc, test: str) -> list[str]:
    """The lines of the importguard section of `test`'s collection error ([] when it has none)."""
    block = proc.stdout.split(f" ERROR collecting {test} ")[1].split("\n_")[0].split("\n=")[0]
    parts = SECTION.split(block)
    return parts[1].strip().splitlines() if len(parts) > 1 else []


def test_a_collection_error_says_where_the_name_lives_now_and_the_outcome_is_pytests(demo):
    root, run = demo
    files = ("tests/test_threads.py", "tests/test_websocket.py", "tests/test_healthy.py")
    proc = run(*files)
    assert section(proc, "tests/test_threads.py") == [
        "tests/test_threads.py:1:1: IMG101 module 'app.models.thread' does not exist; "
        "'Thread' is defined in 'app.db.models_agent'",
        "`importguard --fix tests/test_threads.py` rewrites it"]
    assert section(proc, "tests/test_websocket.py")[0].startswith(
        "tests/test_websocket.py:1:1: IMG102 'WebSocketConnectionManager' is not defined in "
        "'app.websocket.connection_manager'; did you mean 'ConnectionManager'?")
    plain = run("-p", "no:importguard", *files)
    assert not SECTION.search(plain.stdout)
    assert "ModuleNotFoundError: No module named 'app.models.thread'" in plain.stdout
    assert (proc.returncode, summary(proc)) == (plain.returncode, summary(plain)) == (2, "2 errors")
    assert (root / ".importguard_cache").is_dir()  # what it read is kept for the next run


def test_the_readme_shows_the_section_as_pytest_prints_it(demo):
    _, run = demo
    proc = run("tests/test_threads.py")
    shown = readme().split("<!-- snippet: pytest -->\n```text\n")[1].split("```")[0]
    expected = shown.split("...\n")[1].splitlines()
    assert [line for line in proc.stdout.splitlines() if line in expected] == expected, proc.stdout


def test_an_import_chain_names_the_import_that_really_fails(tmp_path, write_tree, run_command):
    root = write_tree(tmp_path, {
        "pyproject.toml": "",
        "app/__init__.py": "",
        "app/models/__init__.py": "from app.models.session import UserSession\n",
        "app/models/session.py": "class Session:\n    pass\n",
        "app/services/__init__.py": "",
        "app/services/billing.py": "from app.models import UserSession\n\n\ndef charge():\n    pass\n",
        "tests/__init__.py": "",
        "tests/test_chain.py": "from app.services.billing import charge\n\n\ndef test_c():\n    assert charge\n",
    })
    proc = run_command([*PYTEST, "tests/test_chain.py"], root)
    assert section(proc, "tests/test_chain.py") == [
        "tests/test_chain.py:1:1: IMG105 importing 'app.services.billing' fails: app/models/__init__.py:1 imports "
        "'UserSession' from 'app.models.session', which does not define it; did you mean 'Session'?"]
    assert proc.returncode == 2


def test_import_errors_that_are_not_first_party_get_no_section(tmp_path, write_tree, run_command):
    root = write_tree(tmp_path, {
        "pyproject.toml": "",
        "app/__init__.py": "",
        "tests/test_third.py": "import not_installed_anywhere_xyz\n\n\ndef test_t():\n    pass\n",
        "tests/test_raises.py": "from app import thing  # noqa: F401\n\n\ndef test_t():\n    pass\n",
        "app/thing.py": "raise ImportError('made at import time')\n",
    })
    proc = run_command([*PYTEST, "tests"], root)
    assert section(proc, "tests/test_third.py") == section(proc, "tests/test_raises.py") == []
    assert "No module named 'not_installed_anywhere_xyz'" in proc.stdout and proc.returncode == 2


def test_a_suite_that_collects_imports_nothing_of_importguard_but_the_plugin(tmp_path, write_tree, run_command):
    root = write_tree(tmp_path, {
        "pyproject.toml": "",
        "app/__init__.py": "X = 1\n",
        "tests/test_ok.py": (
            "import sys\n\nfrom app import X\n\n\ndef test_modules():\n"
            "    loaded = sorted(m for m in sys.modules if m.startswith('flake8_importguard'))\n"
            "    assert loaded == ['flake8_importguard', 'flake8_importguard.pytest_plugin'], loaded\n"
            "    assert X == 1\n"),
    })
    proc = run_command([*PYTEST, "tests"], root)
    assert proc.returncode == 0 and summary(proc) == "1 passed", proc.stdout
    assert not (root / ".importguard_cache").exists()


def test_importguard_option_fails_fast_with_the_findings(demo):
    _, run = demo
    proc = run("--importguard", "tests/test_threads.py", "tests/test_healthy.py")
    assert proc.returncode == 1, proc.stdout
    assert ("tests/test_threads.py:1:1: IMG101 module 'app.models.thread' does not exist; "
            "'Thread' is defined in 'app.db.models_agent'") in proc.stdout.splitlines()
    assert "importguard: 1 finding; the tests were not collected" in proc.stdout
    assert "passed" not in proc.stdout and "ERROR collecting" not in proc.stdout


def test_importguard_option_on_a_healthy_suite_runs_the_tests(demo):
    _, run = demo
    proc = run("--importguard", "tests/test_healthy.py")
    assert proc.returncode == 0 and summary(proc) == "1 passed", proc.stdout
    assert "IMG" not in proc.stdout


def test_the_plugin_can_be_turned_off(demo):
    _, run = demo
    proc = run("-p", "no:importguard", "--importguard", "tests/test_healthy.py")
    assert proc.returncode == 4 and "unrecognized arguments: --importguard" in proc.stderr


def test_a_conftest_found_while_collecting_gets_the_section(demo):
    root, run = demo
    (root / "tests/api").mkdir()
    (root / "tests/api/__init__.py").write_text("")
    (root / "tests/api/conftest.py").write_text("from app.models import UserSession\n")
    (root / "tests/api/test_a.py").write_text("def test_a():\n    pass\n")
    proc = run("tests")
    assert section(proc, "tests/api") == [
        "tests/api/conftest.py:1:1: IMG102 'UserSession' is not defined in 'app.models'; did you mean 'Session'?",
        "`importguard --fix tests/api/conftest.py` rewrites it"]


def test_the_root_conftest_that_stops_pytest_names_the_import_that_really_fails(tmp_path, write_tree, run_command):
    """Every test file needs it: pytest stops before collecting (exit 4); the findings come first."""
    root = write_tree(tmp_path, {
        "pyproject.toml": "",
        "app/__init__.py": "from app.Models import Session  # noqa: F401\n",
        "app/models.py": "class Session:\n    pass\n",
        "tests/conftest.py": "import app  # noqa: F401\n",
        "tests/test_a.py": "def test_a():\n    pass\n",
    })
    proc = run_command([*PYTEST, "tests"], root)
    assert proc.returncode == 4
    lines = proc.stderr.splitlines()
    assert lines[:2] == [
        "---------- importguard ----------",
        "tests/conftest.py:1:1: IMG105 importing 'app' fails: app/__init__.py:1 imports 'app.Models', which does "
        "not exist: the file is 'app/models.py' (import names match file names case-sensitively)"], proc.stderr
    assert "ImportError while loading conftest" in lines[2]
    (root / "app/__init__.py").write_text("import not_installed_anywhere_xyz  # noqa: F401\n")
    proc = run_command([*PYTEST, "tests"], root)
    assert proc.returncode == 4 and "importguard" not in proc.stderr  # not first-party: nothing to add
