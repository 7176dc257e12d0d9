"""The importguard command: the same core as the flake8 plugin, without flake8's own checks.

`importguard PATHS` reports like flake8; `--fix` writes the certain repairs (repair.py, fixer.py),
`--diff` prints them as a unified diff and writes nothing, `--stub` also writes failing stubs for
names defined nowhere (stubs.py). Pre-commit's contract: bytes in and out, `Rewriting <file>` on
stderr, exit 1 when a file changed (or would) or a finding remains, `-` reads stdin (with --fix
the fixed source goes to stdout).
"""
from __future__ import annotations

import argparse
import ast
import difflib
import os
import sys
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from flake8_importguard import __version__
from flake8_importguard.cache import flush_all
from flake8_importguard.checker import forget_projects, project_for
from flake8_importguard.codes import render, render_not_fixed
from flake8_importguard.config import Settings, register_argparse, settings_from
from flake8_importguard.model import Finding
from flake8_importguard.parallel import job_count, map_files, parse_jobs
from flake8_importguard.repair import findings_of, fix_source, key
from flake8_importguard.writing import OutsideRoot, make_dirs, write_atomic

_SKIP = {".git", ".hg", ".tox", ".nox", ".venv", "venv", "__pycache__", "node_modules", ".mypy_cache",
         ".pytest_cache", "build", "dist", ".eggs", "site-packages"}


def iter_files(paths: Sequence[str]) -> Iterator[str]:
    for path in paths:
        if os.path.isdir(path):
            unlisted: list[str] = []
            for dirpath, dirnames, filenames in os.walk(path, onerror=lambda err: unlisted.append(err.filename)):
                dirnames[:] = sorted(d for d in dirnames if d not in _SKIP and not d.endswith(".egg-info"))
                for filename in sorted(filenames):
                    if filename.endswith((".py", ".pyi")):
                        yield os.path.join(dirpath, filename)
            yield from unlisted  # a directory that cannot be listed is reported, not skipped
        else:
            yield path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="importguard",
        description="Find test imports of first-party code that do not exist, and placeholders that hide them.",
    )
    parser.add_argument("paths", nargs="*", default=["."], help="files or directories; '-' reads stdin")
    parser.add_argument("--fix", action="store_true", help="rewrite the imports whose repair is certain")
    parser.add_argument("--diff", action="store_true",
                        help="print a unified diff of what --fix (and --stub) would write; write nothing")
    parser.add_argument("--stub", action="store_true",
                        help="for names defined nowhere, write a failing stub into the module the test "
                             "expects (implies --fix unless --diff is given)")
    parser.add_argument("--select", default="", help="comma-separated code prefixes to report and fix (default: all)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when something was found or changed")
    parser.add_argument("--stdin-display-name", default="stdin",
                        help="the path of the file read from stdin, for finding its project")
    parser.add_argument("-j", "--jobs", default=0, type=parse_jobs, metavar="N|auto",
                        help="processes to check files with (default: auto, one per available core)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    register_argparse(parser)
    return parser


@dataclass
class Run:
    settings: Settings
    select: tuple[str, ...]
    fix: bool
    diff: bool
    stdin: bytes | None
    display: str
    out: list[str] = field(default_factory=list)  # stdout lines (findings or the diff)
    dirty: bool = False  # something changed, would change, or could not be read

    def read(self, path: str) -> bytes:
        if path == "-":
            return self.stdin or b""
        with open(path, "rb") as f:
            return f.read()

    def where(self, path: str) -> str:
        return self.display if path == "-" else path

    def say(self, text: str) -> None:
        print(text, file=sys.stderr)

    def put(self, path: str, old: bytes | None, new: bytes, root: str = "") -> bool:
        """Write (or, with --diff, show) one file's new bytes; False when it may not be written."""
        self.dirty = True
        shown = self.where(path)
        if self.diff:
            self.out.append(_diff(shown, old, new))
            return True
        if path == "-":
            sys.stdout.buffer.write(new)
            return True
        try:
            write_atomic(path, new, root or project_for(path, self.settings).index.root)
        except (OSError, OutsideRoot) as exc:
            self.say(f"{shown}: not written: {exc.__class__.__name__}: {exc}")
            return False
        self.say(f"{'Rewriting' if old is not None else 'Creating'} {shown}")
        return True


def _shown(path: str) -> str:
    """A path as the user would type it: relative to the current directory when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


def _diff(path: str, old: bytes | None, new: bytes) -> str:
    def lines(data: bytes | None) -> list[str]:
        return data.decode("utf-8", "surrogateescape").splitlines(keepends=True) if data else []

    before = "/dev/null" if old is None else path
    return "".join(difflib.unified_diff(lines(old), lines(new), before, path))


def _check_file(run: Run, path: str) -> tuple[bytes, list[Finding]] | None:
    shown = run.where(path)
    try:
        source = run.read(path)
        return source, findings_of(source, shown, run.settings, run.select)
    except OSError as exc:
        run.say(f"{shown}: cannot read: {exc.strerror or exc}")
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None) or 1
        run.say(f"{shown}:{line}: cannot parse: {exc.__class__.__name__}: {getattr(exc, 'msg', exc)}")
    except RecursionError:
        run.say(f"{shown}: too deeply nested to check")
    run.dirty = True
    return None


def _report(run: Run, path: str, findings: list[Finding], notes: dict) -> None:
    for f in findings:
        note = f" {render_not_fixed(notes[key(f)])}" if key(f) in notes else ""
        line = f"{run.where(path)}:{f.line}:{f.col + 1}: {render(f)}{note}"
        (run.say if run.diff or (run.fix and path == "-") else run.out.append)(line)


def _write_stubs(run: Run, paths: list[str]) -> None:
    from flake8_importguard import stubs  # imports libcst: only when stubs are asked for

    needs: dict[str, tuple[object, list]] = {}
    for path in paths:
        try:  # a file that cannot be read or parsed is reported once, by the fix pass
            source = run.read(path)
            findings = findings_of(source, run.where(path), run.settings, run.select)
        except (OSError, SyntaxError, ValueError, RecursionError):
            continue
        project = project_for(run.where(path), run.settings)
        wanted = stubs.needs_of(ast.parse(source), run.where(path), findings, project)
        needs.setdefault(project.index.root, (project, []))[1].extend(wanted)
    for root, (project, wanted) in needs.items():
        writes, refused = stubs.plan(wanted, project)
        for need, reason in refused:
            run.say(f"{need.test}: no stub for '{need.name}' in '{need.module}' {render_not_fixed(reason)}")
        for write in writes:
            shown = _shown(write.path)
            try:
                if not run.diff:
                    make_dirs(os.path.dirname(write.path), root)
            except (OSError, OutsideRoot) as exc:
                run.say(f"{shown}: not written: {exc.__class__.__name__}: {exc}")
                continue
            if run.put(shown, write.old, write.new, root) and write.names and not run.diff:
                run.say(f"Stub {', '.join(repr(n) for n in write.names)} in {shown}")
    forget_projects()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = Run(settings_from(args), tuple(s.strip() for s in args.select.split(",") if s.strip()),
              fix=args.fix or args.stub or args.diff, diff=args.diff,
              stdin=sys.stdin.buffer.read() if "-" in args.paths else None, display=args.stdin_display_name)
    paths = list(iter_files(args.paths))
    if args.stub:
        _write_stubs(run, paths)
    if run.fix:
        _fix(run, paths)
    else:
        _check(run, paths, args.jobs)
    flush_all()
    for line in run.out:
        print(line, end="" if run.diff else "\n")
    return 0 if args.exit_zero else int(run.dirty)


def _check_path(path: str, settings: Settings, select: tuple[str, ...]) -> tuple[list[str], bool]:
    """One file, checked in a worker process: its rendered findings, and whether it could be read."""
    run = Run(settings, select, fix=False, diff=False, stdin=None, display="")
    checked = _check_file(run, path)
    if checked is None:
        return [], False
    return [f"{path}:{f.line}:{f.col + 1}: {render(f)}" for f in checked[1]], True


def _check(run: Run, paths: list[str], jobs: int) -> None:
    """The fast path: report only, on every core."""
    if "-" in paths:
        checked = _check_file(run, "-")
        if checked:
            run.dirty = run.dirty or bool(checked[1])
            _report(run, "-", checked[1], {})
    files = [path for path in paths if path != "-"]
    for lines, ok in map_files(_check_path, files, run.settings, job_count(jobs, len(files)),
                               (run.settings, run.select)):
        run.dirty = run.dirty or not ok or bool(lines)
        run.out.extend(lines)


def _fix(run: Run, paths: list[str]) -> None:
    results: list[tuple[str, list[Finding] | None, dict]] = []  # None: re-check from disk
    for path in paths:
        try:
            source = run.read(path)
            outcome = fix_source(source, run.where(path), run.settings, run.select)
        except (OSError, SyntaxError, ValueError, RecursionError):
            _check_file(run, path)  # says why, and marks the run
            continue
        remaining: list[Finding] | None = outcome.findings
        if outcome.changed and run.put(path, source, outcome.fixed):
            on_disk = path != "-" and not run.diff
            remaining = None if on_disk else findings_of(outcome.fixed, run.where(path), run.settings, run.select)
        elif path == "-" and not run.diff:
            sys.stdout.buffer.write(source)
        results.append((path, remaining, outcome.notes))
    if any(remaining is None for _, remaining, _ in results):
        forget_projects()  # files changed on disk: read the project anew
    for path, remaining, notes in results:
        if remaining is None:  # after writing, report what the rewrite did not clear
            checked = _check_file(run, path)
            remaining = checked[1] if checked else []
        run.dirty = run.dirty or bool(remaining)
        _report(run, path, remaining, notes)
