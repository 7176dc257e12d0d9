"""The pre-commit hooks, run by the real pre-commit in a temporary git repository."""
from __future__ import annotations

import sys

import pytest

from support import APP, ROOT

GIT_USER = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}


@pytest.mark.slow
def test_hooks_fail_on_a_broken_test_import_and_pass_once_fixed(tmp_path, write_tree, run_command):
    def git(*args):
        proc = run_command(["git", *args], repo, env=GIT_USER)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def try_repo(hook):
        return run_command([sys.executable, "-m", "pre_commit", "try-repo", ROOT, hook, "--all-files", "--verbose"],
                           repo, env={"PRE_COMMIT_HOME": str(home)})

    repo = tmp_path / "repo"
    write_tree(repo, {**APP, "pyproject.toml": "",
                      "tests/test_threads.py": "from app.models.thread import Thread\n"})
    git("init", "-q")
    git("add", "-A")
    home = tmp_path / "pre-commit-home"
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
