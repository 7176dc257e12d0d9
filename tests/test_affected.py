"""Affected tests: `importguard --changed` checks the test files a change reaches (directly, through
a package that re-exports, a star import, a test helper, an import inside a test), deleted and
renamed modules included; a change no test reaches checks nothing; a configuration change, all."""
from __future__ import annotations

import ast
import os
import time

import pytest
from hypothesis import given, strategies as st

from flake8_importguard.base.config import Settings
from flake8_importguard.base.syntax import absolute_module
from flake8_importguard.index.cache import RACY_NS
from flake8_importguard.run import affected
from flake8_importguard.run.session import Session
from support import CHANGING, GIT_USER, SUMMARY

MODELS = {"tests/test_direct.py", "tests/test_star.py", "tests/helpers/flows.py", "tests/test_helper.py",
          "tests/test_patched.py"}


@pytest.fixture
def repo(tmp_path, write_tree, run_command):
    root = write_tree(tmp_path / "repo", CHANGING)

    def git(*args):
        proc = run_command(["git", *args], root, env=GIT_USER)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    return root, git


def reached(root, *changed) -> set[str] | None:
    session = Session()
    graph = session.graph(session.project_for(str(root), Settings()))
    found = affected.tests_to_check(graph, [os.path.join(root, c) for c in changed])
    return found if found is None else {os.path.relpath(p, root) for p in found}


def test_the_reverse_lookup(repo):
    root, _ = repo
    assert reached(root, "app/db/models_agent.py") == MODELS
    assert reached(root, "app/models/session.py") == {"tests/test_package.py"}  # through the package
    assert reached(root, "app/storage/clickhouse.py") == {"tests/test_inner.py"}  # an import in a test
    assert reached(root, "app/unrelated.py") == set()
    assert reached(root, "app/oneline.py") == {"tests/test_oneline.py"}  # an import after a colon
    assert reached(root, "tests/helpers/flows.py") == {"tests/helpers/flows.py", "tests/test_helper.py"}
    assert reached(root, "app/models/thread.py") == set()  # added, and nothing asks for it
    assert all(reached(root, f) is None for f in ("setup.cfg", "pyproject.toml", "requirements-dev.txt", ".gitignore"))


def test_renamed_class_fails_naming_each_test(repo, run_importguard):
    repo, git = repo
    (repo / "app/db/models_agent.py").write_text("class Threads:\n    pass\n\n\nclass Message:\n    pass\n")
    git("add", "-A")
    proc = run_importguard(repo, "--changed")
    assert proc.returncode == 1
    assert sorted(line.split(": ")[0] for line in proc.stdout.splitlines()) == [
        "tests/test_direct.py:1:1", "tests/test_patched.py:4:13", "tests/test_star.py:1:1"]
    assert "IMG102 'Thread' is not defined in 'app.db.models_agent'; did you mean 'Threads'?" in proc.stdout
    assert ("IMG401 patch target 'app.db.models_agent.Thread' does not exist: 'Thread' is not defined in "
            "'app.db.models_agent'; did you mean 'Threads'?") in proc.stdout
    assert SUMMARY.search(proc.stderr).group(0).startswith(f"checked {len(MODELS)} test files")


def test_moved_and_deleted_modules_count(repo, run_importguard):
    repo, git = repo
    git("mv", "app/db/models_agent.py", "app/db/agents.py")
    git("rm", "-q", "app/storage/clickhouse.py")
    proc = run_importguard(repo, "--changed")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "tests/test_direct.py:1:1: IMG101 module 'app.db.models_agent' does not exist; " \
           "'Thread' is defined in 'app.db.agents'" in lines
    assert any(line.startswith("tests/test_inner.py:2:5: IMG101 module 'app.storage.clickhouse'") for line in lines)
    assert any(line.startswith("tests/helpers/flows.py:1:1: IMG101") for line in lines)


def test_a_change_no_test_reaches_checks_nothing(repo, run_importguard):
    repo, git = repo
    (repo / "app/unrelated.py").write_text("X = 2\n")
    git("add", "-A")
    proc = run_importguard(repo, "--changed")
    assert (proc.returncode, proc.stdout) == (0, "")
    assert SUMMARY.search(proc.stderr).group(0).startswith("checked 0 test files in ")


def test_a_configuration_change_checks_every_test_file(repo, run_importguard):
    repo, git = repo
    (repo / "tests/test_other.py").write_text("from app.db.models_agent import Gone\n")
    git("commit", "-qam", "a broken test nobody touches")
    (repo / "pyproject.toml").write_text("[tool.importguard]\nsrc = []\n")
    git("add", "-A")
    proc = run_importguard(repo, "--changed")
    assert proc.returncode == 1 and "tests/test_other.py:1:1: IMG102" in proc.stdout
    assert SUMMARY.search(proc.stderr).group(0).startswith(f"checked {len(CHANGING) - 11} test files")


def test_changed_since_a_ref_and_files_named(repo, run_importguard):
    repo, git = repo
    (repo / "app/db/models_agent.py").write_text("class Message:\n    pass\n")
    git("commit", "-qam", "drop Thread")
    since = run_importguard(repo, "--changed-since", "HEAD~1")
    assert since.returncode == 1 and "tests/test_direct.py:1:1: IMG102 'Thread'" in since.stdout
    assert run_importguard(repo, "--changed").stdout == ""  # nothing staged
    named = run_importguard(repo, "--changed", "app/db/models_agent.py")  # as pre-commit passes files
    assert named.stdout == since.stdout


def test_without_git_the_changes_cannot_be_read(tmp_path, write_tree, run_importguard):
    root = write_tree(tmp_path, CHANGING)
    proc = run_importguard(root, "--changed")
    assert proc.returncode == 2 and "importguard: git rev-parse --show-toplevel" in proc.stderr


FORMS = [
    "import app.a{n}", "import app.a{n} as x{n}", "from app.b{n} import c{n}", "from app.b{n} import (c{n},\n  d{n})",
    "from app.b{n} import (\n    c{n},  # a (comment\n    d{n},\n)", "from app.b{n} \\\n    import c{n}",
    "from . import e{n}", "from .f{n} import g{n}", "import app.h{n}; x = 1", "if x: import app.i{n}",
    "def t{n}(): from app.j{n} import k{n}", '"""\nimport not_an_import{n} here\n"""',
    "x = '(' \nimport app.l{n}",
]


@given(st.lists(st.tuples(st.sampled_from(FORMS), st.integers(0, 2)), min_size=1, max_size=8))
def test_the_import_scanner_finds_every_import(forms):
    """However imports are written and nested, the scanner finds every one the parser does."""
    body = []
    for n, (form, depth) in enumerate(forms):
        text = form.format(n=n)
        if depth == 1:
            text = "def f():\n" + "\n".join("    " + line for line in text.splitlines())
        elif depth == 2:
            text = "class C:\n    try:\n" + "\n".join("        " + line for line in text.splitlines()) + \
                   "\n    except ImportError:\n        pass"
        body.append(text)
    source = ("\n".join(body) + "\n").encode()
    tree = ast.parse(source)
    wanted = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            wanted.update((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            wanted.add((absolute_module("tests", node.level, node.module),
                        tuple(a.name for a in node.names)))
    assert wanted <= set(affected._imports_in(source, "t.py", "tests"))


def test_after_a_run_the_graph_answers(repo, run_python):
    """Once every test file was checked, the project graph answers from what each check read
    (in the interpreter setup of the check that wrote it, as the hook's runs share one): the
    test files whose findings a change can change, without reading the suite."""
    root, _ = repo
    ask = ("import os; from flake8_importguard.run import affected; "
           "from flake8_importguard.base.config import Settings; from flake8_importguard.run.session import Session; "
           "session = Session(); g = session.graph(session.project_for('.', Settings())); "
           "c = [os.path.abspath(a) for a in changed]; s = g.reach(c); t = affected.tests_to_check(g, c); "
           "print('cold' if s is None else len(s[1]), "
           "'all' if t is None else ' '.join(sorted(os.path.relpath(x) for x in t)))")

    def graph_reached(*changed: str) -> tuple[str, set[str] | None]:
        proc = run_python(root, f"changed = {list(changed)!r}; {ask}")
        assert proc.returncode == 0, proc.stderr
        unknown, _, tests = proc.stdout.strip().partition(" ")
        return unknown, None if tests == "all" else set(tests.split())

    assert graph_reached("app/unrelated.py") == ("cold", set())  # nothing kept yet: the scan answers
    time.sleep(RACY_NS / 1e9 + 0.2)  # old enough for the index to keep what was read
    check = run_python(root, "from flake8_importguard.cli import main; main(['-j1', 'tests'])")
    assert "Traceback" not in check.stderr, check.stderr
    assert graph_reached("app/unrelated.py") == ("0", set())  # every test file known to the graph
    assert graph_reached("app/db/models_agent.py") == ("0", MODELS)  # test_patched: its patch target (IMG401)
    assert graph_reached("app/models/session.py") == ("0", {"tests/test_package.py"})
    assert graph_reached("app/storage/clickhouse.py") == ("0", {"tests/test_inner.py"})
    assert graph_reached("app/oneline.py") == ("0", {"tests/test_oneline.py"})
    assert graph_reached("tests/helpers/flows.py") == ("0", {"tests/helpers/flows.py", "tests/test_helper.py"})
    assert graph_reached("setup.cfg") == ("0", None)
