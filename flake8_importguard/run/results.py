"""What a check run prints once every file is checked: the baseline applied (or written), the
output format, the statistics and the one-line summary; the exit status."""
from __future__ import annotations

import difflib
import os
import sys
import time
from dataclasses import dataclass

from flake8_importguard.base.files import shown, write_output
from flake8_importguard.run.baseline import Baseline, BaselineError
from flake8_importguard.run.blocked import with_blocked
from flake8_importguard.run.checkrun import FileResult, Run
from flake8_importguard.run.fixrun import fix_alone
from flake8_importguard.run.formats import FORMATTERS, Fixes, Replacement, Reported, sarif, statistics, summary


@dataclass
class Output:
    format: str = "text"
    output_file: str = ""
    statistics: bool = False
    baseline: str = ""
    write_baseline: str = ""


def finish(run: Run, results: list[FileResult], out: Output, started: float) -> int:
    """Baseline, output, statistics, summary; the exit status."""
    reported = [r for result in results for r in result.reported]
    found = reported  # what the summary counts: with --write-baseline, what it recorded
    status = 1 if any(not result.ok for result in results) else 0
    try:
        reported = with_blocked(results, _baselines(run, results, reported, out), run.shards)
        if not out.write_baseline:
            found = reported
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
        problem = write_output(out.output_file, text)
        if problem:
            run.say(f"importguard: {problem}")
            return 2
    else:
        sys.stdout.write(text)
    run.say(summary(sum(1 for r in results if r.test), time.monotonic() - started, found))
    if out.write_baseline:
        return status
    return status or int(bool(reported))


def _baselines(run: Run, results: list[FileResult], reported: list[Reported], out: Output) -> list[Reported]:
    keys = [r.key for r in reported]
    files = {r.relative for r in results}
    if out.baseline:
        baseline = Baseline.read(out.baseline, missing_ok=_same(out.baseline, out.write_baseline))
        gone = baseline.gone(keys, files)
        reported = [r for r, new in zip(reported, baseline.new(keys)) if new]
        for key, count in sorted(gone.items()):
            times = f" (x{count})" if count > 1 else ""
            run.say(f"{key.file}: {key.code} '{key.name or key.module}' is gone{times}: "
                    f"remove it from the baseline with --write-baseline {shown(out.baseline)}")
    if out.write_baseline:
        root = results[0].root if results else run.project(".").root
        Baseline.read(out.write_baseline, missing_ok=True).write(keys, files, root)
        run.say(f"Wrote {len(keys)} finding{'s' * (len(keys) != 1)} to {shown(out.write_baseline)}")
        return []
    return reported


def _same(path: str, other: str) -> bool:
    return bool(other) and os.path.abspath(path) == os.path.abspath(other)


def _sarif_fixes(run: Run, reported: list[Reported]) -> Fixes:
    """Each certain fix as the edits that `--fix` would make for it alone."""
    fixes: Fixes = {}
    for index, r in enumerate(reported):
        if not r.finding.fixable:
            continue
        fixed = fix_alone(run, r.path, r.finding)
        if fixed is not None:
            fixes[index] = replacements(*fixed)
    return fixes


def replacements(old: str, new: str) -> list[Replacement]:
    """`old` -> `new` as whole-line replacements at character offsets."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    starts = [0]
    for line in before:
        starts.append(starts[-1] + len(line))
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            edits.append(Replacement(starts[i1], starts[i2] - starts[i1], "".join(after[j1:j2])))
    return edits
