"""The importguard command's check run (no --fix): every file checked once, on every core; then the
baseline, the output format, the statistics and the one-line summary.

`collect` is shared with `importguard report`, so that the report's numbers are a plain run's.
"""
from __future__ import annotations

import ast
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flake8_importguard.baseline import Baseline, BaselineError, keys_of
from flake8_importguard.config import Settings
from flake8_importguard.files import shown, write_atomic
from flake8_importguard.formats import FORMATTERS, Fixes, Replacement, Reported, sarif, statistics, summary
from flake8_importguard.parallel import job_count, map_files
from flake8_importguard.progress import progress
from flake8_importguard.session import Session

if TYPE_CHECKING:
    from flake8_importguard.cli import Run


@dataclass
class FileResult:
    path: str  # as shown
    reported: list[Reported] = field(default_factory=list)
    ok: bool = True  # read and parsed
    test: bool = False  # a test file (checked by every rule)
    tests: int = 0  # the tests it holds (`def test_*`, statically)


def tests_in(tree: ast.Module) -> int:
    """The tests pytest would collect from a file, statically: `def test_*` at module level and
    `test_*` methods of `Test*` classes (parametrization not counted)."""
    count = 0
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            count += 1
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            count += sum(1 for item in node.body
                         if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"))
    return count


def check_one(path: str, session: Session, settings: Settings, run_args: dict[str, Any]) -> FileResult:
    """One file (in a worker process): its findings with their baseline keys."""
    from flake8_importguard.cli import Run

    run = Run(settings, session, **run_args)
    shown = run.where(path)
    checked = run.check_file(path)
    if checked is None:
        return FileResult(shown, ok=False)
    layout = session.project_for(shown, settings).layout
    keys = keys_of(layout.relative(shown), checked.findings, checked.tree) if checked.findings else []
    return FileResult(shown, [Reported(shown, f, k) for f, k in zip(checked.findings, keys)],
                      test=settings.all_files or layout.is_test_file(shown), tests=tests_in(checked.tree))


def collect(run: "Run", paths: list[str], jobs: int) -> list[FileResult]:
    files = [p for p in paths if p != "-"]
    stdin = {"stdin": run.stdin, "display": run.display}
    results = [check_one("-", run.session, run.settings, stdin)] if "-" in paths else []
    mapped = map_files(check_one, files, run.session, run.settings, job_count(jobs, len(files)),
                       (run.settings, {"display": run.display}))
    results.extend(progress(mapped, len(files), "importguard"))
    return results


@dataclass
class Output:
    format: str = "text"
    output_file: str = ""
    statistics: bool = False
    baseline: str = ""
    write_baseline: str = ""


def finish(run: "Run", results: list[FileResult], out: Output, started: float) -> int:
    """Baseline, output, statistics, summary; the exit status."""
    reported = [r for result in results for r in result.reported]
    status = 1 if any(not result.ok for result in results) else 0
    try:
        reported = _baselines(run, results, reported, out)
    except (BaselineError, OSError) as exc:
        run.say(f"importguard: {exc}")
        return 2
    fixes = _sarif_fixes(run, reported) if out.format == "sarif" else {}
    text = sarif(reported, fixes) if out.format == "sarif" else FORMATTERS[out.format](reported)
    if out.statistics:
        stats = statistics(reported)
        text, extra = (text + stats, "") if out.format == "text" else (text, stats)
        if extra:
            sys.stderr.write(extra)
    if out.output_file:
        write_atomic(out.output_file, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    run.say(summary(sum(1 for r in results if r.test), time.monotonic() - started, reported))
    if out.write_baseline:
        return status
    return status or int(bool(reported))


def _baselines(run: "Run", results: list[FileResult], reported: list[Reported], out: Output) -> list[Reported]:
    keys = [r.key for r in reported]
    files = {r.path: _rel(run, r.path) for r in results}
    if out.baseline:
        baseline = Baseline.read(out.baseline)
        gone = baseline.gone(keys, set(files.values()))
        reported = [r for r, new in zip(reported, baseline.new(keys)) if new]
        for key, count in sorted(gone.items()):
            times = f" (x{count})" if count > 1 else ""
            run.say(f"{key.file}: {key.code} '{key.name or key.module}' is gone{times}: "
                    f"remove it from the baseline with --write-baseline {shown(out.baseline)}")
    if out.write_baseline:
        Baseline.read(out.write_baseline).write(keys, set(files.values()), _root(run, results))
        run.say(f"Wrote {len(keys)} finding{'s' * (len(keys) != 1)} to {shown(out.write_baseline)}")
        return []
    return reported


def _rel(run: "Run", path: str) -> str:
    return run.session.project_for(path, run.settings).layout.relative(path)


def _root(run: "Run", results: list[FileResult]) -> str:
    return run.session.project_for(results[0].path if results else ".", run.settings).root


def _sarif_fixes(run: "Run", reported: list[Reported]) -> Fixes:
    """Each certain fix as the edits that `--fix` would make for it alone."""
    fixes: Fixes = {}
    for index, r in enumerate(reported):
        if not r.finding.fixable:
            continue
        edits = run.fix_edits(r.path, r.finding)
        if edits:
            fixes[index] = edits
    return fixes


def replacements(old: str, new: str) -> list[Replacement]:
    """`old` -> `new` as whole-line replacements at character offsets."""
    import difflib

    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    starts = [0]
    for line in before:
        starts.append(starts[-1] + len(line))
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            edits.append(Replacement(starts[i1], starts[i2] - starts[i1], "".join(after[j1:j2])))
    return edits
