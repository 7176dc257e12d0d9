"""The importguard command: the same core as the flake8 plugin, without flake8's own checks.

`importguard PATHS` reports like flake8 (and honours `# noqa` as flake8 does); `--fix` writes the
certain repairs (repair.py, fixer/), `--diff` prints them as a unified diff and writes nothing,
`--stub` also writes failing stubs for names defined nowhere (stubs.py). Each file is checked
once; only a rewrite is checked again. Pre-commit's contract: bytes in and out, `Rewriting
<file>` on stderr, exit 1 when a file changed (or would) or a finding remains, `-` reads stdin
(with --fix the fixed source goes to stdout).
"""
from __future__ import annotations

import argparse
import ast
import dataclasses
import difflib
import os
import re
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from flake8_importguard import __version__
from flake8_importguard.baseline import statements_at
from flake8_importguard.cache import signature
from flake8_importguard.checker import check_tree
from flake8_importguard.codes import render, render_not_fixed
from flake8_importguard.checking import Output, collect, finish, replacements, tests_in
from flake8_importguard.config import Settings, register_argparse, settings_from
from flake8_importguard.configfile import ConfigError, load
from flake8_importguard.files import OutsideRoot, make_dirs, python_files, shown, write_atomic
from flake8_importguard.formats import Replacement
from flake8_importguard.graph import Kept
from flake8_importguard.model import Finding, NotFixed
from flake8_importguard.parallel import job_count, map_files, parse_jobs
from flake8_importguard.project import Project
from flake8_importguard.session import Session

if TYPE_CHECKING:
    from flake8_importguard.repair import Key

# flake8's own spelling of `# noqa` (flake8.defaults.NOQA_INLINE_REGEX, NOQA_FILE).
_NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.I)
_NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.I)


def not_suppressed(findings: list[Finding], source: bytes) -> list[Finding]:
    """Drop findings that a `# noqa` comment silences, as flake8 would."""
    if not findings:
        return []
    lines = source.decode("utf-8", "replace").splitlines()
    if any(_NOQA_FILE.match(line) for line in lines):
        return []
    kept = []
    for finding in findings:
        line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        match = _NOQA.search(line)
        if match is None:
            kept.append(finding)
        elif match.group("codes") and not any(
            finding.code.startswith(code) for code in re.split(r"[,\s]+", match.group("codes")) if code
        ):
            kept.append(finding)
    return kept


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="importguard",
        description="Find test imports of first-party code that do not exist, and placeholders that hide them.",
    )
    parser.add_argument("paths", nargs="*", default=["."],
                        help="files or directories ('-' reads stdin); with --changed, files taken as changed")
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
class Checked:
    source: bytes | None  # None: the findings were kept in the project graph, the file not read
    tree: ast.Module | None
    findings: list[Finding]
    kept: Kept | None = None  # what the command reports beside the findings (graph.Kept)


@dataclass
class Run:
    settings: Settings
    session: Session
    fix: bool = False
    diff: bool = False
    stdin: bytes | None = None
    display: str = "stdin"
    out: list[str] = field(default_factory=list)  # stdout lines (findings or the diff)
    dirty: bool = False  # something was found, changed, would change, or could not be read
    said: list[str] | None = None  # in a worker process: stderr lines, for the parent to print in order

    def read(self, path: str) -> bytes:
        if path == "-":
            return self.stdin or b""
        with open(path, "rb") as f:
            return f.read()

    def where(self, path: str) -> str:
        return self.display if path == "-" else path

    def say(self, text: str) -> None:
        if self.said is not None:
            self.said.append(text)
        else:
            print(text, file=sys.stderr)

    def check(self, path: str, source: bytes) -> Checked:
        """The findings flake8 would show for `source` as the file `path` (raises when it does not parse)."""
        shown = self.where(path)
        tree = ast.parse(source, filename=shown)
        findings = check_tree(tree, shown, self.session.project_for(shown, self.settings))
        return Checked(source, tree, not_suppressed(findings, source))

    def check_file(self, path: str, reuse: bool = True) -> Checked | None:
        """Read and check one file; say why when it cannot be read or parsed (the run fails).
        Findings whose inputs did not change are reused (graph.py) unless `reuse` is off."""
        shown = self.where(path)
        try:
            if path == "-" or self.settings.no_cache:
                return self.check(path, self.read(path))
            graph = self.session.project_for(path, self.settings).graph
            kept = graph.kept(path) if reuse else None
            if kept is not None:
                return Checked(None, None, kept.findings, kept)
            sig = signature(path)  # before the read: a later change shows
            source = self.read(path)
            with self.session.recorder.frame() as reads:
                checked = self.check(path, source)
            assert checked.tree is not None
            checked.kept = Kept(checked.findings, statements_at(checked.tree, checked.findings), tests_in(checked.tree))
            graph.record(path, sig, source, checked.kept, reads, checked.tree)
            return checked
        except OSError as exc:
            self.say(f"{shown}: cannot read: {exc.strerror or exc}")
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None) or 1
            self.say(f"{shown}:{line}: cannot parse: {exc.__class__.__name__}: {getattr(exc, 'msg', exc)}")
        except RecursionError:
            self.say(f"{shown}: too deeply nested to check")
        self.dirty = True
        return None

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
            write_atomic(path, new, root=root or self.session.project_for(path, self.settings).root)
        except (OSError, OutsideRoot) as exc:
            self.say(f"{shown}: not written: {exc.__class__.__name__}: {exc}")
            return False
        self.say(f"{'Rewriting' if old is not None else 'Creating'} {shown}")
        return True

    def fix_edits(self, path: str, finding: Finding) -> list[Replacement]:
        """What `--fix` would change for this one finding, as text edits (SARIF's fixes)."""
        try:
            source = self.read(path)
            findings = self.check(path, source).findings
        except (OSError, SyntaxError, ValueError, RecursionError):
            return []
        from flake8_importguard.repair import fix_source  # imports libcst: only when fixing

        alone = [f if f == finding else dataclasses.replace(f, fix=None) for f in findings]
        line_length = self.session.project_for(self.where(path), self.settings).line_length
        outcome = fix_source(source, alone, lambda data: self.check(path, data).findings, line_length)
        if not outcome.changed:
            return []
        decode = "utf-8", "surrogateescape"
        return replacements(source.decode(*decode), outcome.fixed.decode(*decode))

    def report(self, path: str, findings: list[Finding], notes: dict[Key, NotFixed]) -> None:
        self.dirty = self.dirty or bool(findings)
        for f in findings:
            note = f" {render_not_fixed(notes[f.key])}" if f.key in notes else ""
            line = f"{self.where(path)}:{f.line}:{f.col + 1}: {render(f)}{note}"
            (self.say if self.diff or (self.fix and path == "-") else self.out.append)(line)


def _diff(path: str, old: bytes | None, new: bytes) -> str:
    def lines(data: bytes | None) -> list[str]:
        return data.decode("utf-8", "surrogateescape").splitlines(keepends=True) if data else []

    before = "/dev/null" if old is None else path
    return "".join(difflib.unified_diff(lines(old), lines(new), before, path))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["report"]:
        from flake8_importguard.report import main as report

        return report(arguments[1:])
    args = build_parser().parse_args(arguments)
    started = time.monotonic()
    try:
        configured = load(os.getcwd(), args.config, bool(args.isolated))
    except ConfigError as exc:
        print(f"importguard: {exc}", file=sys.stderr)
        return 2
    select = tuple(s.strip() for s in args.select.split(",") if s.strip())
    run = Run(dataclasses.replace(settings_from(args, configured), select=select), Session(),
              fix=args.fix or args.stub or args.diff, diff=args.diff,
              stdin=sys.stdin.buffer.read() if "-" in args.paths else None, display=args.stdin_display_name)
    paths = _targets(run, args)
    if paths is None:
        return 2
    if not run.fix:
        results = collect(run, paths, args.jobs)
        run.session.flush()
        status = finish(run, results, Output(args.format, args.output_file or "", bool(args.statistics),
                                             run.settings.baseline, args.write_baseline or ""), started)
        return 0 if args.exit_zero and status != 2 else status
    if args.stub or "-" in paths:
        _fix(run, paths, args.stub)
    else:
        _fix_files(run, paths, args.jobs)
    run.session.flush()
    for line in run.out:
        print(line, end="" if run.diff else "\n")
    return 0 if args.exit_zero else int(run.dirty)


def _targets(run: Run, args: argparse.Namespace) -> list[str] | None:
    """The files to check: those named (directories walked), or with --changed / --changed-since
    the test files the changes reach (None: the changes could not be read)."""
    if not (args.changed or args.changed_since):
        return list(python_files(args.paths))
    from flake8_importguard.affected import ChangeError, files_to_check

    try:
        return files_to_check(run.session, run.settings, args.paths if args.paths != ["."] else [],
                              staged=bool(args.changed), since=args.changed_since or "")
    except ChangeError as exc:
        run.say(f"importguard: {exc}")
        return None


def _fix(run: Run, paths: list[str], stub: bool) -> None:
    from flake8_importguard.repair import fix_source  # imports libcst: only when fixing

    checked = {path: c for path in paths for c in [run.check_file(path)] if c is not None}
    for path, c in checked.items():  # kept findings with something to fix or stub: read the file
        if c.source is None and any(f.fix is not None and (f.fixable or stub) for f in c.findings):
            checked[path] = run.check_file(path, reuse=False) or c
    if stub:
        for path in _write_stubs(run, checked):  # the project changed: these files are checked anew
            again = run.check_file(path)
            if again is not None:
                checked[path] = again
    for path, c in checked.items():
        def check_rewrite(data: bytes, path: str = path) -> list[Finding]:
            return run.check(path, data).findings

        line_length = run.session.project_for(run.where(path), run.settings).line_length
        outcome = fix_source(c.source or b"", c.findings, check_rewrite, line_length)  # kept: nothing to fix
        remaining = outcome.remaining
        if outcome.changed and not run.put(path, c.source, outcome.fixed):
            remaining = outcome.findings  # not written: what it had is what it has
        elif not outcome.changed and path == "-" and not run.diff:
            sys.stdout.buffer.write(outcome.source)
        run.report(path, remaining, outcome.notes)


@dataclass
class Fixed:
    """What fixing one file in a worker process made: the parent writes (or shows) it and reports."""

    path: str
    said: list[str]
    read: bool = True  # False: the file could not be read or parsed
    old: bytes | None = None
    new: bytes | None = None  # None: nothing to write
    findings: list[Finding] = field(default_factory=list)  # of the file as it is
    remaining: list[Finding] = field(default_factory=list)  # of the fixed file
    notes: dict[Key, NotFixed] = field(default_factory=dict)


def _fix_path(path: str, session: Session, settings: Settings, diff: bool) -> Fixed:
    """Check and fix one file (without writing it), in a worker process."""
    from flake8_importguard.repair import fix_source  # imports libcst: only when fixing

    run = Run(settings, session, fix=True, diff=diff, said=[])
    checked = run.check_file(path)
    if checked is not None and checked.source is None and any(f.fixable for f in checked.findings):
        checked = run.check_file(path, reuse=False)  # kept findings with something to fix: read it
    if checked is None:
        return Fixed(path, run.said or [], read=False)
    outcome = fix_source(checked.source or b"", checked.findings, lambda data: run.check(path, data).findings,
                         session.project_for(path, settings).line_length)
    return Fixed(path, run.said or [], True, checked.source, outcome.fixed if outcome.changed else None,
                 outcome.findings, outcome.remaining, outcome.notes)


def _fix_files(run: Run, paths: list[str], jobs: int) -> None:
    """--fix and --diff without stubs, on every core; written and reported here, in order."""
    for fixed in map_files(_fix_path, paths, run.session, run.settings, job_count(jobs, len(paths)),
                           (run.settings, run.diff)):
        for line in fixed.said:
            run.say(line)
        run.dirty = run.dirty or not fixed.read
        if not fixed.read:
            continue
        remaining = fixed.remaining
        if fixed.new is not None and not run.put(fixed.path, fixed.old, fixed.new):
            remaining = fixed.findings  # not written: what it had is what it has
        run.report(fixed.path, remaining, fixed.notes)


def _write_stubs(run: Run, checked: dict[str, Checked]) -> list[str]:
    """Write the stubs the files ask for; the files whose stubs were written."""
    from flake8_importguard import stubs  # imports libcst: only when stubs are asked for

    needs: dict[str, tuple[Project, list[stubs.Need], list[str]]] = {}
    for path, c in checked.items():
        if c.tree is None:
            continue  # findings kept from an earlier run: none asks for a stub
        project = run.session.project_for(run.where(path), run.settings)
        wanted = stubs.needs_of(c.tree, run.where(path), c.findings, project)
        entry = needs.setdefault(project.root, (project, [], []))
        entry[1].extend(wanted)
        entry[2].extend([path] if wanted else [])
    changed: list[str] = []
    for root, (project, wanted, asking) in needs.items():
        writes, refused = stubs.plan(wanted, project)
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
            if run.put(target, write.old, write.new, root) and write.names and not run.diff:
                run.say(f"Stub {', '.join(repr(n) for n in write.names)} in {target}")
        if writes and not run.diff:
            changed.extend(asking)
    if changed:
        run.session.forget()
    return changed
