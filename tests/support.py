"""Plain helpers and shared data for the tests (and for the test libraries such as differential.py,
which also run as scripts and so cannot ask for fixtures). Test modules get subprocess launchers,
project copies and snapshots from the fixtures in conftest.py; this module holds what is needed at
import time (paths, the small APP project, the front ends' command lines) and the core called
in-process (`check`, `fix`)."""
from __future__ import annotations

import functools
import os
import subprocess
import sys
from typing import Mapping, TypeVar

from flake8_importguard.checker import check_source
from flake8_importguard.cli import Run
from flake8_importguard.config import Settings
from flake8_importguard.model import Finding
from flake8_importguard.repair import Outcome, fix_source
from flake8_importguard.session import Session
from flake8_importguard.style import max_line_length

TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)  # the repository: README.md, examples/, .pre-commit-hooks.yaml
PROJECTS = os.path.join(TESTS, "projects")  # fixture projects, expected findings inline
CANARY = os.path.join(TESTS, "canary")  # a project whose every file writes a marker when run
DEMO = os.path.join(ROOT, "examples", "demo")  # the README's demo project

# The front ends as users start them: the console scripts of the Python running the tests.
BIN = os.path.dirname(sys.executable)
FLAKE8 = os.path.join(BIN, "flake8")
IMPORTGUARD = os.path.join(BIN, "importguard")
TIMEOUT = 300  # seconds for any process a test starts: generous on a shared 2-core machine; only a hang reaches it

# A small project: a renamed class's new name, a model that lives in another module.
APP = {
    "app/__init__.py": "",
    "app/websocket/__init__.py": "",
    "app/websocket/connection_manager.py": "class ConnectionManager:\n    pass\n",
    "app/db/__init__.py": "",
    "app/db/models_agent.py": "class Thread:\n    pass\n",
    "tests/__init__.py": "",
}


Root = TypeVar("Root", bound="str | os.PathLike[str]")


@functools.lru_cache(maxsize=None)
def readme() -> str:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def write_tree(root: Root, files: Mapping[str, str | bytes]) -> Root:
    """Write `files` (relative path -> text or bytes) under `root` and return `root`. Text is
    written as UTF-8, as is (no newline translation); a path ending in "/" is an empty directory."""
    for rel, content in files.items():
        path = os.path.join(root, rel)
        if rel.endswith("/"):
            os.makedirs(path, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def assert_no_crash(proc: subprocess.CompletedProcess[str]) -> None:
    """No traceback, no plugin failure report, and an exit code that means 'checked'."""
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert "failed during execution" not in output, output
    assert proc.returncode in (0, 1), (proc.returncode, output)


def check(source: str | bytes, path: str, settings: Settings | None = None,
          session: Session | None = None) -> list[Finding]:
    """What flake8 would report for `source` as the file `path` (without `# noqa` handling),
    in-process, with a fresh session unless one is given: the project is read as it is now."""
    project = (session or Session()).project_for(path, settings or Settings())
    return check_source(source, path, project)


def fix(source: bytes, path: str, settings: Settings | None = None) -> Outcome:
    """What `importguard --fix` does to `source` as the file `path`, without writing it."""
    run = Run(settings or Settings(), Session())
    findings = run.check(path, source).findings
    root = run.session.project_for(path, run.settings).root
    return fix_source(source, findings, lambda data: run.check(path, data).findings, max_line_length(root))
