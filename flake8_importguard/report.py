"""`importguard report [PATHS]`: the state of a test suite in one page (Markdown, or JSON).

The figures come from the very run `importguard PATHS` makes (checking.collect), so that they match
it exactly: test files scanned; the files that cannot be collected (at least one IMG1xx, or under a
`conftest.py` that fails: blocked.py) and the tests they hold; broken names by code and by the
repair available; placeholders by code and how many hide code that exists elsewhere; the files with
most findings; the root causes (a finding's `cause` when the check gives one, else the module and
name the tests ask for) with how many test files each breaks; with `--compare BASELINE`, each code's
count then and now.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections import Counter
from typing import Any, Sequence

from flake8_importguard.base.codes import CODES
from flake8_importguard.base.config import CONFIGURATION, SHARED, register_argparse, settings_from
from flake8_importguard.base.files import python_files, write_atomic
from flake8_importguard.base.model import Finding, FixKind, HintKind
from flake8_importguard.configfile import ConfigError, load
from flake8_importguard.run.baseline import Baseline, BaselineError
from flake8_importguard.run.blocked import blocked_modules
from flake8_importguard.run.checkrun import FileResult, Run, collect
from flake8_importguard.run.parallel import parse_jobs
from flake8_importguard.run.session import Session

TOP = 10
REPAIRS = ("alias", "move", "module move", "stub only", "none")


def repair(finding: Finding) -> str:
    """The repair available for a broken import: a certain fix's kind, a stub, or none."""
    fix = finding.fix
    if fix is not None and fix.kind is FixKind.STUB:
        return "stub only"
    if fix is not None and fix.certain:
        return {FixKind.ALIAS: "alias", FixKind.MOVE: "move", FixKind.MOVE_MODULE: "module move"}.get(fix.kind, "none")
    if finding.hint is not None and finding.hint.kind is HintKind.NOWHERE:
        return "stub only"
    return "none"


def hides_existing(finding: Finding) -> bool:
    """Does a placeholder stand in for code the project defines somewhere?"""
    if finding.fix is not None and finding.fix.target_module:
        return True
    return finding.hint is not None and finding.hint.kind in (HintKind.LIVES_IN, HintKind.NAMES_LIVE_IN)


def cause_of(finding: Finding) -> str:
    """Where the break is: the line in app code that really fails (an import chain's `cause`)
    when the finding has one, else what the test asks for."""
    if finding.cause is not None:
        return "{}:{}".format(*finding.cause.where)
    return f"'{finding.name}' in '{finding.module}'" if finding.name else f"'{finding.module}'"


def figures(results: list[FileResult], baseline: Baseline | None = None) -> dict[str, Any]:
    reported = [(os.path.normpath(r.path), rep.finding) for r in results for rep in r.reported]
    broken = [(p, f) for p, f in reported if f.code.startswith("IMG1")]
    placeholders = [(p, f) for p, f in reported if f.code.startswith("IMG2")]
    blocked = {os.path.normpath(p) for paths in blocked_modules(results).values() for p in paths}
    uncollectable = sorted({p for p, _ in broken} | blocked)
    tests = {os.path.normpath(r.path): r.tests for r in results}
    per_file = Counter(p for p, _ in reported)
    causes: dict[str, set[str]] = {}
    cause_findings: Counter[str] = Counter()
    for path, finding in broken:
        key = cause_of(finding)
        causes.setdefault(key, set()).add(path)
        cause_findings[key] += 1
    data: dict[str, Any] = {
        "test_files": sum(1 for r in results if r.test),
        "findings": len(reported),
        "files_with_findings": len(per_file),
        "fixable": sum(1 for _, f in reported if f.fixable),
        "by_code": dict(sorted(Counter(f.code for _, f in reported).items())),
        "uncollectable": {"files": len(uncollectable), "tests": sum(tests[p] for p in uncollectable),
                          "list": [{"path": p, "tests": tests[p], "findings": per_file[p]} for p in uncollectable]},
        "broken_by_repair": {kind: sum(1 for _, f in broken if repair(f) == kind) for kind in REPAIRS},
        "placeholders": {code: {"count": sum(1 for _, f in placeholders if f.code == code),
                                "hide_existing": sum(1 for _, f in placeholders
                                                     if f.code == code and hides_existing(f))}
                         for code in sorted({f.code for _, f in placeholders})},
        "top_files": [{"path": p, "findings": n}
                      for p, n in sorted(per_file.items(), key=lambda i: (-i[1], i[0]))[:TOP]],
        "root_causes": [{"cause": c, "test_files": len(files), "findings": cause_findings[c]}
                        for c, files in sorted(causes.items(), key=lambda i: (-len(i[1]), i[0]))[:TOP]],
    }
    if baseline is not None:
        then = Counter[str]()
        for recorded, count in baseline.counts.items():
            then[recorded.code] += count
        data["compare"] = {"baseline": baseline.path, "codes": {
            code: {"baseline": then[code], "now": data["by_code"].get(code, 0)}
            for code in sorted(set(then) | set(data["by_code"]))}}
    return data


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    if not rows:
        return "None.\n"
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown(data: dict[str, Any]) -> str:
    u = data["uncollectable"]
    parts = [
        "# importguard report\n",
        f"{data['test_files']} test files scanned: {data['findings']} findings in {data['files_with_findings']} "
        f"files, {data['fixable']} fixable by `importguard --fix`.\n",
        "## Files that cannot be collected\n",
        f"{u['files']} test files cannot be collected (at least one IMG1xx, or under a conftest.py that fails); "
        f"they hold {u['tests']} tests.\n",
    ]
    if u["list"]:
        parts.append(_table(("file", "tests", "findings"), [(f"`{i['path']}`", i["tests"], i["findings"])
                                                            for i in u["list"]]))
    broken = {c: n for c, n in data["by_code"].items() if c.startswith("IMG1")}
    repairs = list(data["broken_by_repair"].items()) if broken else []
    parts += ["## Broken names\n", _table(("code", "name", "findings"),
                                          [(c, CODES[c].symbol, n) for c, n in broken.items()]),
              *([_table(("repair available", "findings"), repairs)] if repairs else []),
              "## Placeholders\n",
              _table(("code", "name", "findings", "hide code that exists elsewhere"),
                     [(c, CODES[c].symbol, v["count"], v["hide_existing"]) for c, v in data["placeholders"].items()]),
              "## Files with most findings\n",
              _table(("file", "findings"), [(f"`{i['path']}`", i["findings"]) for i in data["top_files"]]),
              "## Root causes\n",
              _table(("cause", "test files", "findings"),
                     [(i["cause"], i["test_files"], i["findings"]) for i in data["root_causes"]])]
    if "compare" in data:
        rows = [(c, CODES[c].symbol if c in CODES else "", v["baseline"], v["now"], f"{v['now'] - v['baseline']:+d}")
                for c, v in data["compare"]["codes"].items()]
        parts += [f"## Compared with `{data['compare']['baseline']}`\n",
                  _table(("code", "name", "baseline", "now", "change"), rows)]
    return "\n".join(parts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="importguard report", description="The state of a test suite in one page.")
    parser.add_argument("paths", nargs="*", default=["."], help="files or directories (default: .)")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--output-file", default="", help="write the report to this file")
    parser.add_argument("--compare", default="", metavar="BASELINE", help="a baseline file to compare with")
    parser.add_argument("-j", "--jobs", default=0, type=parse_jobs, metavar="N|auto")
    register_argparse(parser, SHARED + CONFIGURATION)
    return parser


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = settings_from(args, load(os.getcwd(), args.config, bool(args.isolated)))
        baseline = Baseline.read(args.compare) if args.compare else None
    except (ConfigError, BaselineError) as exc:
        print(f"importguard report: {exc}", file=sys.stderr)
        return 2
    run = Run(dataclasses.replace(settings, baseline=""), Session())
    started = time.monotonic()
    results = collect(run, list(python_files(args.paths)), args.jobs)
    run.session.flush()
    data = figures(results, baseline)
    text = json.dumps(data, indent=2) + "\n" if args.format == "json" else markdown(data)
    if args.output_file:
        write_atomic(args.output_file, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    print(f"report of {data['test_files']} test files in {time.monotonic() - started:.2f} s", file=sys.stderr)
    return 0
