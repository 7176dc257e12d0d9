"""A run of the command: one file checked (or its kept findings taken), many files on every core.

`Run.check_file` is THE step both the check run and the fix run take for a file: the findings
the project graph keeps for it while nothing they rest on changed, or a check of the file inside
a recorder frame whose reads are kept with its findings. `collect` does it for every file named
(the kept ones answered here, the others on every core); `importguard report` uses the same
`collect`, so that its figures are a plain run's.
"""
from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass, field

from flake8_importguard.analysis.project import Project
from flake8_importguard.base.codes import render, render_not_fixed
from flake8_importguard.base.config import Settings, Shard
from flake8_importguard.base.model import Finding, NotFixed
from flake8_importguard.index.cache import signature
from flake8_importguard.lint.checker import check_tree
from flake8_importguard.run.baseline import keys_from
from flake8_importguard.run.formats import Reported
from flake8_importguard.run.graph import Kept
from flake8_importguard.run.parallel import job_count, map_files
from flake8_importguard.run.progress import progress
from flake8_importguard.run.session import Session

Key = tuple[str, str, str]  # Finding.key

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


@dataclass
class Checked:
    project: Project
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
    shards: list[str] = field(default_factory=list)  # --shard: the other shares' test files (blocked.py)

    def read(self, path: str) -> bytes:
        if path == "-":
            return self.stdin or b""
        with open(path, "rb") as f:
            return f.read()

    def where(self, path: str) -> str:
        return self.display if path == "-" else path

    def project(self, path: str) -> Project:
        return self.session.project_for(self.where(path), self.settings)

    def say(self, text: str) -> None:
        if self.said is not None:
            self.said.append(text)
        else:
            print(text, file=sys.stderr)

    def check(self, path: str, source: bytes, project: Project) -> Checked:
        """The findings flake8 would show for `source` as the file `path` (raises when it does not parse)."""
        tree = ast.parse(source, filename=self.where(path))
        with project.store.parsed(source, tree):  # its own summary, if asked for, is read from this tree
            findings = check_tree(tree, self.where(path), project)
        return Checked(project, source, tree, not_suppressed(findings, source))

    def check_file(self, path: str, reuse: bool = True) -> Checked | None:
        """Read and check one file; say why when it cannot be read or parsed, or when the check
        itself failed on it (a bug of ours: said, with where, and the other files are checked;
        the run fails).
        Findings whose inputs did not change are reused (graph.py) unless `reuse` is off; the
        findings of a file checked are kept with what the check read."""
        shown = self.where(path)
        try:
            project = self.project(path)
            if path == "-" or self.settings.no_cache:
                checked = self.check(path, self.read(path), project)
                assert checked.tree is not None
                checked.kept = Kept.of(checked.tree, checked.findings)
                return checked
            graph = self.session.graph(project)
            kept = graph.kept(path) if reuse else None
            if kept is not None:
                return Checked(project, None, None, kept.findings, kept)
            sig = signature(path)  # before the read: a later change shows
            source = self.read(path)
            with self.session.recorder.frame() as reads:
                checked = self.check(path, source, project)
            assert checked.tree is not None
            checked.kept = Kept.of(checked.tree, checked.findings)
            graph.record(path, sig, source, checked.kept, reads, checked.tree)
            return checked
        except OSError as exc:
            self.say(f"{shown}: cannot read: {exc.strerror or exc}")
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None) or 1
            self.say(f"{shown}:{line}: cannot parse: {exc.__class__.__name__}: {getattr(exc, 'msg', exc)}"
                     f"{self._older_python(path) if isinstance(exc, SyntaxError) else ''}")
        except RecursionError:
            self.say(f"{shown}: too deeply nested to check")
        except Exception as exc:  # noqa: BLE001 - one file's crash must not lose the run's other findings
            self.say(f"{shown}: internal error, not checked: {exc.__class__.__name__}: {exc} ({_where(exc)}); "
                     f"please report it with this line")
        self.dirty = True
        return None

    def _older_python(self, path: str) -> str:
        """Why a file may not parse here: this Python is older than the one the project requires
        (its syntax may be newer: a `type` statement under Python 3.11)."""
        try:
            required = self.project(path).layout.packaging.required_python()
        except (OSError, ValueError):
            return ""
        if required is None or sys.version_info[:2] >= required[1]:
            return ""
        here = ".".join(map(str, sys.version_info[:2]))
        return f" (this is Python {here}; the project requires Python {required[0]}: run importguard with one it " \
               "supports)"

    def report(self, path: str, findings: list[Finding], notes: dict[Key, NotFixed],
               refusals: dict[Key, Finding] | None = None) -> None:
        """`refusals`: what the refused rewrite of a finding would raise."""
        self.dirty = self.dirty or bool(findings)
        for f in findings:
            refusal = (refusals or {}).get(f.key)
            note = f" {render_not_fixed(notes[f.key], f, refusal)}" if f.key in notes else ""
            line = f"{self.where(path)}:{f.line}:{f.col + 1}: {render(f)}{note}"
            (self.say if self.diff or (self.fix and path == "-") else self.out.append)(line)


@dataclass
class FileResult:
    path: str  # as shown
    reported: list[Reported] = field(default_factory=list)
    ok: bool = True  # read and parsed
    test: bool = False  # a test file (checked by every rule)
    tests: int = 0  # the tests it holds (`def test_*`, statically)
    relative: str = ""  # its path from the project root (baseline files name it so)
    root: str = ""  # its project's root


def check_one(path: str, session: Session, settings: Settings, stdin: bytes | None, display: str) -> FileResult:
    """One file (in a worker process): its findings with their baseline keys."""
    run = Run(settings, session, stdin=stdin, display=display)
    checked = run.check_file(path, reuse=False)  # the parent found nothing kept for it
    if checked is None or checked.kept is None:
        project = run.project(path)
        return FileResult(run.where(path), ok=False, relative=project.layout.relative(run.where(path)),
                          root=project.root)
    return _result(run, run.where(path), checked.kept, checked.project)


def _result(run: Run, path: str, kept: Kept, project: Project) -> FileResult:
    layout = project.layout
    relative = layout.relative(path)
    keys = keys_from(relative, kept.findings, kept.statements)
    return FileResult(path, [Reported(path, f, k) for f, k in zip(kept.findings, keys)],
                      test=run.settings.all_files or layout.is_test_file(path), tests=kept.tests,
                      relative=relative, root=project.root)


def kept_one(run: Run, path: str) -> FileResult | None:
    """The result of `path` from what the project graph keeps for it (graph.py), if it still
    holds: the file is not read."""
    if run.settings.no_cache:
        return None
    project = run.project(path)
    kept = run.session.graph(project).kept(path)
    return None if kept is None else _result(run, path, kept, project)


def in_shard(run: Run, paths: list[str], shard: Shard) -> list[str]:
    """The files of `paths` that `--shard K/N` gives this run, by their path from their project's
    root (standard input, one file named, stays)."""
    def relative(path: str) -> str:
        return os.path.relpath(os.path.realpath(path), run.session.root_for(path, run.settings)).replace(os.sep, "/")
    mine = [path for path in paths if path == "-" or shard.holds(relative(path))]
    taken = set(mine)
    run.shards = [path for path in paths if path not in taken and run.session.is_test_file(path, run.settings)]
    return mine


def _where(exc: BaseException) -> str:
    """The innermost line of this package that the exception passed, as `module.py:line`."""
    import traceback  # only for a bug's report

    ours = os.sep + "flake8_importguard" + os.sep
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if ours in f.filename]
    return f"{frames[-1].filename.rpartition(ours)[2]}:{frames[-1].lineno}" if frames else "?"


def collect(run: Run, paths: list[str], jobs: int) -> list[FileResult]:
    """Every file's result: the kept ones answered here, the others checked on every core."""
    files = [p for p in paths if p != "-"]
    results = [check_one("-", run.session, run.settings, run.stdin, run.display)] if "-" in paths else []
    kept = {path: kept_one(run, path) for path in files}
    todo = [path for path in files if kept[path] is None]
    mapped = iter(map_files(check_one, todo, run.session, run.settings, job_count(jobs, len(todo)),
                            (run.settings, None, run.display)))
    in_order = (kept[path] or next(mapped) for path in files)  # map_files keeps the order of `todo`
    results.extend(progress(in_order, len(files), "importguard"))
    next(mapped, None)  # ends map_files, which writes the index cache
    return results
