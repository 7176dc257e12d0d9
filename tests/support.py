"""The core as the tests call it in-process: a fresh session per call unless one is given, so
that every call reads the project from disk as it is now."""
from __future__ import annotations

from flake8_importguard.checker import check_source
from flake8_importguard.cli import Run
from flake8_importguard.config import Settings
from flake8_importguard.model import Finding
from flake8_importguard.repair import Outcome, fix_source
from flake8_importguard.session import Session


def check(source: str | bytes, path: str, settings: Settings | None = None,
          session: Session | None = None) -> list[Finding]:
    """What flake8 would report for `source` as the file `path` (without `# noqa` handling)."""
    project = (session or Session()).project_for(path, settings or Settings())
    return check_source(source, path, project)


def fix(source: bytes, path: str, settings: Settings | None = None) -> Outcome:
    """What `importguard --fix` does to `source` as the file `path`, without writing it."""
    run = Run(settings or Settings(), Session())
    findings = run.check(path, source).findings
    return fix_source(source, findings, lambda data: run.check(path, data).findings)
