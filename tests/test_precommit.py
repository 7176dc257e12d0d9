"""The pre-commit hooks, run by the real pre-commit in a temporary git repository."""
from __future__ import annotations

import os
import subprocess
import sys

from test_plugin import APP, write

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


def try_repo(cwd, hook, home):
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", ROOT, hook, "--all-files", "--verbose"],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, "PRE_COMMIT_HOME": str(home)},
    )


def test_hooks_fail_on_a_broken_test_import_and_pass_once_fixed(tmp_path):
    repo = tmp_path / "repo"
    write(repo, {**APP, "pyproject.toml": "",
                 "tests/test_threads.py": "from app.models.thread import Thread\n"})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    home = tmp_path / "pre-commit-home"
    for hook in ("importguard", "importguard-flake8"):
        failed = try_repo(repo, hook, home)
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "IMG101 module 'app.models.thread' does not exist" in failed.stdout
    fixed = try_repo(repo, "importguard-fix", home)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # pre-commit: files were changed
    assert (repo / "tests" / "test_threads.py").read_text() == "from app.db.models_agent import Thread\n"
    git(repo, "add", "-A")
    for hook in ("importguard", "importguard-flake8", "importguard-fix"):
        passed = try_repo(repo, hook, home)
        assert passed.returncode == 0, passed.stdout + passed.stderr
