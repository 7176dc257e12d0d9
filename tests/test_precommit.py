"""The pre-commit hooks, run by the real pre-commit in temporary git repositories: each hook on
every file, as try-repo runs it (conftest.run_hook), and installed as the README says, blocking the
commits that break tests. Every run uses the hooks of one committed clone of this repository
(conftest.clone) and one hook environment, built once a session; one run is `pre-commit try-repo`
itself, on this repository as it is (uncommitted work included), as a hook's author tries it."""
from __future__ import annotations

import os
import re
import sys

import pytest

from support import APP, BIN, CHANGING, GIT_USER, ROOT, readme

pytestmark = pytest.mark.process  # the real pre-commit starts the hooks


@pytest.mark.slow
def test_hooks_fail_on_a_broken_test_import_and_pass_once_fixed(tmp_path, write_tree, run_command, run_hook):
    def git(*args):
        proc = run_command(["git", *args], repo, env=GIT_USER)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def try_repo(hook):
        return run_hook(hook, repo)

    repo = tmp_path / "repo"
    write_tree(repo, {**APP, "pyproject.toml": "",
                      "tests/test_threads.py": "from app.models.thread import Thread\n"})
    git("init", "-q")
    git("add", "-A")
    for hook in ("importguard", "importguard-flake8"):
        failed = try_repo(hook)
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "IMG101 module 'app.models.thread' does not exist" in failed.stdout
    fixed = try_repo("importguard-fix")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # pre-commit: files were changed
    assert (repo / "tests" / "test_threads.py").read_text() == "from app.db.models_agent import Thread\n"
    git("add", "-A")
    for hook in ("importguard", "importguard-flake8", "importguard-fix"):
        passed = try_repo(hook)
        assert passed.returncode == 0, passed.stdout + passed.stderr


@pytest.mark.slow
def test_try_repo_runs_the_hook_from_this_repository_as_it_is(tmp_path, write_tree, run_command):
    """`pre-commit try-repo <this repository> importguard`: the hook fails on a broken test import
    (try-repo builds the hook's environment in a store of its own, whatever PRE_COMMIT_HOME says)."""
    repo = write_tree(tmp_path / "repo", {**APP, "pyproject.toml": "",
                                          "tests/test_threads.py": "from app.models.thread import Thread\n"})
    for args in (["init", "-q"], ["add", "-A"]):
        assert run_command(["git", *args], repo, env=GIT_USER).returncode == 0
    tried = run_command([sys.executable, "-m", "pre_commit", "try-repo", ROOT, "importguard", "--all-files",
                         "--verbose"], repo, env={"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")})
    assert tried.returncode == 1, tried.stdout + tried.stderr
    assert "IMG101 module 'app.models.thread' does not exist" in tried.stdout


def snippet(name: str) -> str:
    match = re.search(rf"<!-- snippet: {name} -->\n```\w+\n(.*?)```", readme(), re.S)
    assert match, name
    return match.group(1)


@pytest.fixture
def repo(tmp_path, write_tree, run_command, clone, pre_commit_home):
    """A project in git with the hooks installed by the README's snippet, and a way to commit."""
    root = write_tree(tmp_path / "repo", CHANGING)
    env = {**GIT_USER, "PRE_COMMIT_HOME": str(pre_commit_home),
           "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}

    def sh(command: str):
        return run_command(["bash", "-c", command], root, env=env)
    assert sh("git init -q && git add -A && git commit -q -m start").returncode == 0
    setup = sh(snippet("pre-commit").replace("/path/to/flake8-importguard", str(clone)))
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert sh("git add .pre-commit-config.yaml && git commit -q -m hooks").returncode == 0
    return root, sh


@pytest.mark.slow
def test_commits_that_break_tests_are_blocked(repo):
    root, sh = repo
    cases = {
        "rename a class": ("sed -i s/Thread:/Threads:/ app/db/models_agent.py && git add -A",
                           ["tests/test_direct.py:1:1: IMG102 'Thread' is not defined in 'app.db.models_agent'; "
                            "did you mean 'Threads'?", "tests/test_star.py:1:1: IMG102 'Thread'"]),
        "move a module": ("git mv app/db/models_agent.py app/db/agents.py",
                          ["tests/test_direct.py:1:1: IMG101 module 'app.db.models_agent' does not exist; "
                           "'Thread' is defined in 'app.db.agents'"]),
        "delete a module": ("git rm -q app/storage/clickhouse.py",
                            ["tests/test_inner.py:2:5: IMG101 module 'app.storage.clickhouse' does not exist"]),
    }
    for case, (change, named) in cases.items():
        assert sh(change).returncode == 0, case
        commit = sh(f"git commit -m '{case}'")
        assert commit.returncode != 0, (case, commit.stdout + commit.stderr)
        for text in named:
            assert text in commit.stdout + commit.stderr, (case, commit.stdout + commit.stderr)
        assert sh("git reset -q --hard HEAD").returncode == 0
    assert sh("echo 'X = 2' > app/unrelated.py && git add -A").returncode == 0
    passed = sh("git commit -m unrelated")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"importguard \(test imports of first-party code\)\.+Passed", passed.stdout + passed.stderr)


@pytest.mark.slow
def test_the_fix_hook_repairs_a_moved_name_then_the_commit_passes(repo):
    root, sh = repo
    config = (root / ".pre-commit-config.yaml").read_text()
    (root / ".pre-commit-config.yaml").write_text(config.replace("# - id: importguard-fix", "- id: importguard-fix"))
    assert sh("git commit -qam 'the fix hook'").returncode == 0
    (root / "app/db/models_agent.py").write_text("class Message:\n    pass\n")
    (root / "app/db/threads.py").write_text("class Thread:\n    pass\n")
    assert sh("git add -A").returncode == 0
    blocked = sh("git commit -m 'move Thread'")
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "Rewriting tests/test_direct.py" in blocked.stdout + blocked.stderr
    assert (root / "tests/test_direct.py").read_text() == "from app.db.threads import Thread\n"
    assert (root / "tests/test_star.py").read_text() == "from app.db.threads import Thread\n"
    assert sh("git add -A").returncode == 0
    passed = sh("git commit -m 'move Thread'")
    assert passed.returncode == 0, passed.stdout + passed.stderr
