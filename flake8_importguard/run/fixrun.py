"""The fix run: `--fix`, `--diff` and `--stub`, one flow for every file.

With `--stub`, the stubs the files ask for are planned from their findings and written first
(the project changed: what the session read is dropped). Then each file is checked (or its kept
findings taken, and read only when one of them has a certain fix) and fixed, on every core
(`fix_one`, which writes nothing); here, in order, each fixed file is written (or shown as a
diff) and what is left is reported (`settle`). A file that is not written reports what it had.
"""
from __future__ import annotations

import dataclasses
import difflib
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flake8_importguard.analysis.project import Project
from flake8_importguard.base.codes import render_not_fixed
from flake8_importguard.base.config import Settings
from flake8_importguard.base.files import OutsideRoot, make_dirs, shown, write_atomic
from flake8_importguard.base.model import Finding, NotFixed
from flake8_importguard.run.checkrun import Key, Run
from flake8_importguard.run.parallel import job_count, map_files
from flake8_importguard.run.session import Session

if TYPE_CHECKING:
    from flake8_importguard.fix.repair import Outcome


@dataclass
class Fixed:
    """What fixing one file made (in a worker process): the parent writes (or shows) it and reports."""

    path: str
    said: list[str]
    read: bool = True  # False: the file could not be read or parsed
    root: str = ""  # the root of its project: nothing outside it is written
    old: bytes | None = None
    new: bytes | None = None  # None: nothing to write
    findings: list[Finding] = field(default_factory=list)  # of the file as it is
    remaining: list[Finding] = field(default_factory=list)  # of the fixed file
    notes: dict[Key, NotFixed] = field(default_factory=dict)
    refusals: dict[Key, Finding] = field(default_factory=dict)  # what a refused rewrite would raise


def fix_paths(run: Run, paths: list[str], jobs: int, stub: bool) -> None:
    """Fix (or with --diff show) every file; with `stub`, write the stubs they ask for first."""
    if stub:
        _write_stubs(run, paths)
    jobs = 1 if "-" in paths else job_count(jobs, len(paths))
    for fixed in map_files(fix_one, paths, run.session, run.settings, jobs,
                           (run.settings, run.diff, run.stdin, run.display)):
        settle(run, fixed)


def fix_one(path: str, session: Session, settings: Settings, diff: bool, stdin: bytes | None, display: str) -> Fixed:
    """Check and fix one file without writing it."""
    from flake8_importguard.fix.repair import fix_source  # imports libcst: only when fixing

    run = Run(settings, session, fix=True, diff=diff, stdin=stdin, display=display, said=[])
    checked = run.check_file(path)
    if checked is not None and checked.source is None and any(f.fixable for f in checked.findings):
        checked = run.check_file(path, reuse=False)  # kept findings with something to fix: read it
    if checked is None:
        return Fixed(path, run.said or [], read=False)
    project = checked.project
    outcome = fix_source(checked.source or b"", checked.findings,  # kept and unread: nothing to fix
                         lambda data: run.check(path, data, project).findings, project.import_style)
    return Fixed(path, run.said or [], True, project.root, checked.source,
                 outcome.fixed if outcome.changed else None, outcome.findings, outcome.remaining, outcome.notes,
                 outcome.refusals)


def settle(run: Run, fixed: Fixed) -> None:
    """Write (or show) one fixed file and report what is left of it."""
    for line in fixed.said:
        run.say(line)
    if not fixed.read:
        run.dirty = True
        return
    remaining = fixed.remaining
    if fixed.new is not None:
        if not put(run, fixed.path, fixed.old, fixed.new, fixed.root):
            remaining = fixed.findings  # not written: what it had is what it has
        elif run.diff:
            remaining = as_it_is(fixed.findings, fixed.remaining)
    elif fixed.path == "-" and not run.diff:
        sys.stdout.buffer.write(fixed.old or b"")
    run.report(fixed.path, remaining, fixed.notes, fixed.refusals)


def as_it_is(findings: list[Finding], remaining: list[Finding]) -> list[Finding]:
    """The findings of the file as it is (`findings`) that the fix leaves (`remaining`, on the lines
    of the fixed file): what --diff, which writes nothing, reports on the lines the file has."""
    left = Counter(f.key for f in remaining)
    kept = []
    for finding in findings:
        if left[finding.key] > 0:
            left[finding.key] -= 1
            kept.append(finding)
    return kept


def put(run: Run, path: str, old: bytes | None, new: bytes, root: str) -> bool:
    """Write (or, with --diff, show) one file's new bytes inside the project at `root`; False
    when it may not be written."""
    run.dirty = True
    where = run.where(path)
    if run.diff:
        run.out.append(_diff(where, old, new))
        return True
    if path == "-":
        sys.stdout.buffer.write(new)
        return True
    try:
        write_atomic(path, new, root=root)
    except (OSError, OutsideRoot) as exc:
        run.say(f"{where}: not written: {exc.__class__.__name__}: {exc}")
        return False
    run.say(f"{'Rewriting' if old is not None else 'Creating'} {where}")
    return True


def fix_text(run: Run, path: str, source: bytes, only: Finding | None = None) -> Outcome | None:
    """What `--fix` makes of `source` as the file `path` (a file's bytes, an editor's buffer):
    every certain fix, or with `only` that one finding's alone; None when it does not parse."""
    from flake8_importguard.fix.repair import fix_source  # imports libcst: only when fixing

    try:
        project = run.project(path)
        findings = run.check(path, source, project).findings
    except (SyntaxError, ValueError, RecursionError):
        return None
    if only is not None:
        findings = [f if f == only else dataclasses.replace(f, fix=None) for f in findings]
    return fix_source(source, findings, lambda data: run.check(path, data, project).findings, project.import_style)


def fix_alone(run: Run, path: str, finding: Finding) -> tuple[str, str] | None:
    """The file's text before and after `--fix` applies this one finding's fix (SARIF's fixes)."""
    try:
        outcome = fix_text(run, path, run.read(path), finding)
    except OSError:
        return None
    if outcome is None or not outcome.changed:
        return None
    source = outcome.source
    decode = "utf-8", "surrogateescape"
    return source.decode(*decode), outcome.fixed.decode(*decode)


def _diff(path: str, old: bytes | None, new: bytes) -> str:
    def lines(data: bytes | None) -> list[str]:
        return data.decode("utf-8", "surrogateescape").splitlines(keepends=True) if data else []

    before = "/dev/null" if old is None else path
    return "".join(difflib.unified_diff(lines(old), lines(new), before, path))


def _write_stubs(run: Run, paths: list[str]) -> None:
    """Write the stubs the files ask for. Files that cannot be read are said so by the fix pass."""
    from flake8_importguard.fix import stubwriter  # imports libcst: only when stubs are asked for

    planning = Run(run.settings, run.session, fix=True, diff=run.diff, stdin=run.stdin, display=run.display, said=[])
    needs: dict[str, list[stubwriter.Need]] = {}
    projects: dict[str, Project] = {}
    for path in paths:
        checked = planning.check_file(path)
        if checked is not None and checked.tree is None and any(f.fix is not None for f in checked.findings):
            checked = planning.check_file(path, reuse=False)  # kept: read it for what its findings ask
        if checked is None or checked.tree is None:
            continue
        projects[checked.project.root] = checked.project
        needs.setdefault(checked.project.root, []).extend(
            stubwriter.needs_of(checked.tree, run.where(path), checked.findings, checked.project))
    written = False
    for root, wanted in needs.items():
        writes, refused = stubwriter.plan(wanted, projects[root])
        for need, reason in refused:
            run.say(f"{need.test}: no stub for '{need.name}' in '{need.module}' {render_not_fixed(reason)}")
        for write in writes:
            target = shown(write.path)
            try:
                if not run.diff:
                    make_dirs(os.path.dirname(write.path), root)
            except (OSError, OutsideRoot) as exc:
                run.say(f"{target}: not written: {exc.__class__.__name__}: {exc}")
                continue
            if put(run, target, write.old, write.new, root) and not run.diff:
                written = True
                if write.names:
                    run.say(f"Stub {', '.join(repr(n) for n in write.names)} in {target}")
    if written:
        run.session.forget()  # the project changed: the files are checked anew
