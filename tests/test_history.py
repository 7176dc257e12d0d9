"""A name the project defines nowhere any more: the finding names the commit that removed its
definition, read from a real git repository; nothing is said without git, outside a repository
of the project's own, or while committed code still defines the name."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from flake8_importguard.index.history import History

GIT = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
       "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-01-02T10:00:00",
       "GIT_COMMITTER_DATE": "2026-01-02T10:00:00", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
MODELS = "class Invoice:\n    pass\n\n\nclass Refund(Invoice):\n    pass\n\n\ndef refund_all():\n    pass\n"
TEST = "from app.models import Invoice, Refund\nfrom app.models import refund_all\n"


def git(root, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT}).stdout.strip()


def project(root, with_git: bool = True):
    for name, text in {"pyproject.toml": "[project]\nname = 'x'\n", "app/__init__.py": "", "tests/__init__.py": "",
                       "app/models.py": MODELS, "tests/test_refunds.py": TEST}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    if with_git:
        git(root, "init", "-q")
        git(root, "add", ".")
        git(root, "commit", "-qm", "Invoices and refunds")
    return root


def remove_refunds(root, commit: bool = True) -> str:
    (root / "app/models.py").write_text("class Invoice:\n    pass\n")
    if not commit:
        return ""
    git(root, "commit", "-qam", "Drop refunds: they move to the payment provider")
    return git(root, "rev-parse", "--short", "HEAD")


pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="needs git")


def test_the_commit_that_removed_a_definition_is_named(tmp_path, run_importguard):
    root = project(tmp_path / "repo")
    commit = remove_refunds(root)
    (root / "app/billing.py").write_text("from app.models import Invoice\n")  # a later, unrelated change
    git(root, "add", ".")
    git(root, "commit", "-qm", "Billing")
    lines = run_importguard(root, "--no-cache", "tests").stdout.splitlines()
    removed = f"any more: its definition was removed in commit {commit} (2026-01-02, " \
              "\"Drop refunds: they move to the payment provider\")"
    assert lines == [
        "tests/test_refunds.py:1:1: IMG102 'Refund' is not defined in 'app.models'; 'Refund' is defined nowhere "
        f"in the project {removed}",
        "tests/test_refunds.py:2:1: IMG102 'refund_all' is not defined in 'app.models'; 'refund_all' is defined "
        f"nowhere in the project {removed}",
    ]
    # kept in the index and read back: the same words
    assert run_importguard(root, "tests").stdout.splitlines() == lines
    assert run_importguard(root, "tests").stdout.splitlines() == lines


def test_nothing_is_said_while_committed_code_still_defines_it(tmp_path, run_importguard):
    root = project(tmp_path / "repo")
    remove_refunds(root, commit=False)
    out = run_importguard(root, "--no-cache", "tests").stdout
    assert "'Refund' is defined nowhere in the project\n" in out and "commit" not in out


def test_a_name_that_never_had_a_definition_has_no_commit(tmp_path, run_importguard):
    root = project(tmp_path / "repo")
    (root / "tests/test_refunds.py").write_text("from app.models import Chargeback\n")
    out = run_importguard(root, "--no-cache", "tests").stdout
    assert out.rstrip().endswith("'Chargeback' is defined nowhere in the project") and "commit" not in out


def test_nothing_is_said_without_git_or_outside_a_repository_of_the_project(tmp_path, run_importguard):
    outer = project(tmp_path / "outer")
    inner = project(outer / "inner", with_git=False)  # a project inside another repository: not its own
    git(outer, "add", ".")
    git(outer, "commit", "-qm", "Inner project")
    remove_refunds(inner)  # committed in the outer repository
    out = run_importguard(inner, "--no-cache", "tests").stdout
    assert "'Refund' is defined nowhere in the project\n" in out and "commit" not in out
    root = project(tmp_path / "repo")
    remove_refunds(root)
    bare = tmp_path / "bin"
    bare.mkdir()
    os.symlink(sys.executable, bare / "python")
    out = run_importguard(root, "--no-cache", "tests", env={"PATH": str(bare)}).stdout  # git is not on PATH
    assert "'Refund' is defined nowhere in the project\n" in out and "commit" not in out


def test_history_is_bounded(tmp_path):
    root = project(tmp_path / "repo")
    commit = remove_refunds(root)
    history = History(str(root))
    assert history.removal("Refund")[:len(commit)] == commit
    assert history.removal("not an identifier") == ""
    history.spent = 10.0  # the process's budget is spent: git is not asked again
    assert history.removal("refund_all") == ""
    assert History(str(tmp_path)).removal("Refund") == ""  # no repository at the root
