"""The pytest front end: where a break is seen, say what importguard knows about it.

Installed with the package (the `pytest11` entry point `importguard`; `-p no:importguard` turns
it off). When a test module fails to collect with an ImportError, the findings of that file
whose imports raise (where the name lives now, the root cause of an import chain, whether
`importguard --fix` rewrites it) are added to the collection error as a section of its report.
They come from the command's own run (`Run.check_file`): from the project graph in the index
cache when nothing they rest on changed. Pass and fail are pytest's alone.

Nothing of the package beyond this module is imported until a collection fails: a suite that
collects pays for an option and a few hooks. `--importguard` checks the files pytest was asked
to collect before it collects them, and stops the session when anything is found (for CI jobs
that run only pytest).
"""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Generator

import pytest

if TYPE_CHECKING:
    from flake8_importguard.run.checkrun import Run

_RUN = pytest.StashKey["Run"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("importguard")
    group.addoption("--importguard", action="store_true", default=False,
                    help="check the imports of the files to collect with importguard first; stop when it finds any")


def _run(config: pytest.Config) -> Run | None:
    """The importguard run of this session, made on first use (None: its configuration is broken)."""
    if _RUN not in config.stash:
        import argparse

        from flake8_importguard.base.config import settings_from
        from flake8_importguard.configfile import ConfigError, load
        from flake8_importguard.run.checkrun import Run
        from flake8_importguard.run.session import Session

        try:
            configured = load(str(config.invocation_params.dir))
        except ConfigError as exc:
            _say(config, f"importguard: {exc}")
            return None
        config.stash[_RUN] = Run(settings_from(argparse.Namespace(), configured), Session(), said=[])
    return config.stash[_RUN]


def _say(config: pytest.Config, line: str) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
    else:
        print(line, file=sys.stderr)


def _shown(config: pytest.Config, path: str) -> str:
    where = os.path.relpath(path, config.invocation_params.dir)
    return path if where.startswith(os.pardir) else where


def _failed_import(node: pytest.Collector | pytest.Item | pytest.Config, error: BaseException) -> str | None:
    """The file whose import failed: a test module, or a conftest.py found while collecting a
    directory; None when what failed is not an ImportError."""
    if isinstance(node, pytest.Module):
        return str(node.path) if isinstance(error.__cause__ or error, ImportError) else None
    from _pytest.config import ConftestImportFailure  # pytest's own: loaded already

    if isinstance(error, ConftestImportFailure) and isinstance(error.cause, ImportError):
        return str(error.path)
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> Generator[None, Any, None]:
    """A conftest.py that fails to import before collection (the one at the root of the tests,
    which every test file needs): pytest prints the error and stops; its findings come first."""
    outcome = yield
    error = outcome.excinfo[1] if outcome.excinfo else None
    if error is not None and (path := _failed_import(early_config, error)) is not None:
        lines = _failing(early_config, path)
        if lines:
            from flake8_importguard.base.codes import PYTEST_SECTION

            print(f"{'-' * 10} {PYTEST_SECTION} {'-' * 10}", *lines, sep="\n", file=sys.stderr)


def pytest_exception_interact(node: pytest.Collector | pytest.Item, call: pytest.CallInfo[Any],
                              report: pytest.CollectReport | pytest.TestReport) -> None:
    """A test module (or a conftest.py) that failed to import: the findings of its imports that
    fail, as a section of the collection error (pytest shows it under the traceback)."""
    if report.when != "collect" or call.excinfo is None:
        return
    path = _failed_import(node, call.excinfo.value)
    if path is None:
        return
    lines = _failing(node.config, path)
    if lines:
        from flake8_importguard.base.codes import PYTEST_SECTION

        report.sections.append((PYTEST_SECTION, "\n".join(lines)))


def _failing(config: pytest.Config, path: str) -> list[str]:
    """The findings of `path` whose imports raise, and whether `importguard --fix` rewrites them."""
    run = _run(config)
    if run is None:
        return []
    from flake8_importguard.base.codes import FAILS_IMPORT, render, render_pytest_fix

    checked = run.check_file(path)
    if checked is None:
        return []
    failing = sorted((f for f in checked.findings if f.code in FAILS_IMPORT), key=lambda f: (f.line, f.col))
    shown = _shown(config, path)
    lines = [f"{shown}:{f.line}:{f.col + 1}: {render(f)}" for f in failing]
    fixable = sum(1 for f in failing if f.fixable)
    if fixable:
        lines.append(render_pytest_fix(shown, fixable))
    return lines


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> None:
    """--importguard: check the files pytest is asked to collect first; findings stop the session."""
    config = session.config
    if not config.getoption("importguard") or hasattr(config, "workerinput"):  # xdist: the controller checks
        return
    run = _run(config)
    if run is None:
        raise pytest.UsageError("importguard: the configuration cannot be read")
    from flake8_importguard.base.codes import render, render_pytest_failed
    from flake8_importguard.base.files import python_files
    from flake8_importguard.run.baseline import Baseline, BaselineError
    from flake8_importguard.run.checkrun import collect

    base = str(config.invocation_params.dir)
    paths = [os.path.join(base, arg.split("::")[0]) for arg in config.args]
    results = collect(run, list(python_files(paths)), 0)
    run.session.flush()
    reported = [r for result in results for r in result.reported]
    if run.settings.baseline:
        try:
            baseline = Baseline.read(run.settings.baseline)
        except BaselineError as exc:
            raise pytest.UsageError(f"importguard: {exc}") from None
        reported = [r for r, new in zip(reported, baseline.new([r.key for r in reported])) if new]
    for line in run.said or ():
        _say(config, line)
    for r in reported:
        _say(config, f"{_shown(config, r.path)}:{r.finding.line}:{r.finding.col + 1}: {render(r.finding)}")
    unread = sum(1 for result in results if not result.ok)
    if reported or unread:
        pytest.exit(render_pytest_failed(len(reported) + unread), returncode=pytest.ExitCode.TESTS_FAILED)


def pytest_unconfigure(config: pytest.Config) -> None:
    run = config.stash.get(_RUN, None)
    if run is not None:
        run.session.flush()  # what the checks built is kept for the next run (and importguard's)
