"""The flake8 adapter: flake8 hands over a parsed file, the core returns findings.

flake8 makes a Plugin per file and offers no other place for state that outlives one, so the
plugin class keeps the process's session (the projects read, their caches), made anew each time
flake8 parses options.
"""
from __future__ import annotations

import ast
import dataclasses
from typing import Any, ClassVar, Iterator

from flake8_importguard import __version__
from flake8_importguard.checker import check_tree
from flake8_importguard.codes import CODES, render
from flake8_importguard.config import Settings, register_flake8, settings_from
from flake8_importguard.files import python_files
from flake8_importguard.parallel import MIN_FILES_PER_JOB, available_cpus, prebuild
from flake8_importguard.session import Session


class Plugin:
    name = "flake8-importguard"
    version = __version__
    settings: ClassVar[Settings] = Settings(select=tuple(CODES))
    session: ClassVar[Session] = Session()

    def __init__(self, tree: ast.Module, filename: str) -> None:
        self.tree = tree
        self.filename = filename

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        register_flake8(option_manager)

    @classmethod
    def parse_options(cls, options: Any) -> None:
        cls.settings = dataclasses.replace(settings_from(options), select=_selected(options))
        cls.session = Session()
        _prebuild(cls.session, options, cls.settings)  # a cold `flake8 -j` builds the index once

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        if self.filename in ("stdin", "-", None) or not self.settings.select:
            return  # no display name (the file's place in the project is unknown), or no code selected
        self.session.flush_at_exit()  # flake8 has no end-of-run hook: the index cache is written at exit
        project = self.session.project_for(self.filename, self.settings)
        for finding in check_tree(self.tree, self.filename, project):
            yield finding.line, finding.col, render(finding), type(self)


def _selected(options: Any) -> tuple[str, ...]:
    """Our codes that flake8's --select/--ignore (and their extend- forms) leave on, as pep8-naming
    asks flake8's own decision engine: rules for the others are not run."""
    try:
        from flake8.style_guide import Decision, DecisionEngine  # type: ignore[import-untyped]

        engine = DecisionEngine(options)
        return tuple(code for code in CODES if engine.decision_for(code) is Decision.Selected)
    except (ImportError, AttributeError, TypeError):  # another flake8, or options made by hand
        return tuple(CODES)


def _prebuild(session: Session, options: Any, settings: Settings) -> None:
    """flake8 parses options in its main process before it forks its workers: on a cold cache,
    what the files import is read there on every core, so that the workers start warm instead
    of each reading the same modules (parallel.prebuild). Not for a file on standard input (an
    editor's save reads only what that file needs) nor for a handful of named files."""
    names = list(getattr(options, "filenames", None) or ())
    jobs = getattr(options, "jobs", None)
    n_jobs = available_cpus() if jobs is None or getattr(jobs, "is_auto", False) else getattr(jobs, "n_jobs", 1)
    if not names or "-" in names:
        return
    files = [path for path in python_files(names) if path.endswith(".py")]
    prebuild(session, files, settings, min(n_jobs, max(1, len(files) // MIN_FILES_PER_JOB)))
