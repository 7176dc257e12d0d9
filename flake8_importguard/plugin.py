"""The flake8 adapter: flake8 hands over a parsed file, the core returns findings.

flake8 makes a Plugin per file and offers no other place for state that outlives one, so the
plugin class keeps the process's session (the projects read, their caches). Each time flake8
parses options (a new run in the same process) the session starts a new round, and so does a
file checked a second time: a long-lived process sees the project as it is on disk.

The options come from flake8's command line and, for those it does not give, from the
configuration files as configfile.py reads them for the importguard command too; a bad key or
value stops flake8 with a message naming the file and the key. With a baseline, the findings it
records are not reported (baseline.py).

A save costs what flake8 costs: starting the plugin imports no rule, no analysis and no index
cache; a file that is not a test (and holds no stub) is let go once its path says so, and a test
file's check imports what it needs on its way (lint/rules/__init__.py).
"""
from __future__ import annotations

import ast
import dataclasses
import os
import sys
from typing import Any, ClassVar, Iterator

from flake8_importguard import __version__
from flake8_importguard.base.codes import CODES, STUB_MARKER, render
from flake8_importguard.base.config import Settings, SettingsError, check, register_flake8, settings_from
from flake8_importguard.base.files import python_files
from flake8_importguard.configfile import ConfigError, load
from flake8_importguard.run.session import Session, fewer_collections


class Plugin:
    name = "flake8-importguard"
    version = __version__
    settings: ClassVar[Settings] = Settings(select=tuple(CODES))
    session: ClassVar[Session] = Session(keeping=False)  # no findings are kept here: no reads recorded

    def __init__(self, tree: ast.Module, filename: str, lines: list[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        register_flake8(option_manager)

    @classmethod
    def parse_options(cls, options: Any) -> None:
        try:
            settings = check(settings_from(options, load(os.getcwd(), *_config_arguments())))
        except (ConfigError, SettingsError) as exc:
            from flake8.exceptions import ExecutionError  # type: ignore[import-untyped]

            raise ExecutionError(f"flake8-importguard: {exc}") from None
        cls.settings = dataclasses.replace(settings, select=_selected(options))
        cls.session.refresh()
        if cls.settings.baseline:
            from flake8_importguard.run.baseline import BaselineError

            try:
                cls.session.baseline(cls.settings.baseline)
            except BaselineError as exc:
                from flake8.exceptions import ExecutionError

                raise ExecutionError(f"flake8-importguard: {exc}") from None
        _prebuild(cls.session, options, cls.settings)  # a cold `flake8 -j` builds the index once

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        if self.filename in ("stdin", "-", None) or not self.settings.select:
            return  # no display name (the file's place in the project is unknown), or no code selected
        self.session.begin(self.filename)
        if not (self.session.is_test_file(self.filename, self.settings) or self._may_hold_stub()):
            return  # nothing to check: no project is read
        self.session.flush_at_exit()  # flake8 has no end-of-run hook: the index cache is written at exit
        with fewer_collections():  # what the check imports and the index entries it decodes are kept
            from flake8_importguard.lint.checker import check_tree

            project = self.session.project_for(self.filename, self.settings)
            findings = check_tree(self.tree, self.filename, project)
            if self.settings.baseline and findings:
                findings = self.session.baseline(self.settings.baseline).new_in(
                    project.layout.relative(self.filename), findings, self.tree)
        for finding in findings:
            yield finding.line, finding.col, render(finding), type(self)

    def _may_hold_stub(self) -> bool:
        """Can a file that is not a test hold a finding (IMG301, a stub `--stub` wrote)? Its text says."""
        return self.settings.selects("IMG301") and any(STUB_MARKER in line for line in self.lines)


def _config_arguments() -> tuple[str | None, bool, list[str]]:
    """flake8's --config, --isolated and --append-config: flake8 keeps them out of the options it
    hands plugins, so they are read from the command line of a flake8 process (none in a program
    that calls flake8's API: the configuration is found as flake8 finds it)."""
    if os.path.basename(sys.argv[0]) not in ("flake8", "__main__.py"):
        return None, False, []
    try:
        from flake8.main.options import stage1_arg_parser  # type: ignore[import-untyped]

        args, _ = stage1_arg_parser().parse_known_args(sys.argv[1:])
        return args.config, bool(args.isolated), list(args.append_config or ())
    except (ImportError, AttributeError, SystemExit):
        return None, False, []


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
    if not names or "-" in names:
        return
    files = [path for path in python_files(names) if path.endswith(".py")]
    if len(files) < 2:
        return  # one file is never worth it (and the run layer is not imported for it)
    from flake8_importguard.run.parallel import MIN_FILES_PER_JOB, available_cpus, prebuild

    jobs = getattr(options, "jobs", None)
    n_jobs = available_cpus() if jobs is None or getattr(jobs, "is_auto", False) else getattr(jobs, "n_jobs", 1)
    prebuild(session, files, settings, min(n_jobs, max(1, len(files) // MIN_FILES_PER_JOB)))
