"""`importguard report [PATHS]`: the state of a test suite in one page (Markdown, or JSON).

The figures come from the very run `importguard PATHS` makes (run/checkrun.py's collect), so
that they match it exactly: test files scanned; the files that cannot be collected (at least one
finding of a code of the family BROKEN_IMPORT, codes.py, or an IMG103 read whenever the module is
imported (`fails_collection`), or under a `conftest.py` that fails:
run/blocked.py) and the tests they hold; broken names by
code and by the repair available; placeholders by code and how many hide code that exists
elsewhere; the files with most findings; the root causes (a finding's `cause` when the check gives
one, else the module and name the tests ask for) with how many test files each breaks and where
the name lives now; a section for each other code family
(missing attributes, stubs, patch targets), listing its findings; with `--compare BASELINE`, each
code's count then and now, and apart the findings added since and the recorded ones fixed.
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

from flake8_importguard.base.codes import CODES, HINTS, Family, fails_collection
from flake8_importguard.base.config import (CONFIGURATION, SHARED, WALK, SettingsError, check, exclusion,
                                            register_argparse, settings_from)
from flake8_importguard.base.files import write_output
from flake8_importguard.base.model import Finding, FixKind, HintKind
from flake8_importguard.configfile import ConfigError, load
from flake8_importguard.run.baseline import Baseline, BaselineError, Key
from flake8_importguard.run.blocked import blocked_modules, named_files
from flake8_importguard.run.checkrun import FileResult, Run, collect
from flake8_importguard.run.formats import Reported
from flake8_importguard.run.parallel import parse_jobs
from flake8_importguard.run.session import Session

TOP = 10
LISTED = 50  # findings listed one by one in a section
REPAIRS = ("alias", "move", "module move", "import added", "stub only", "none")
# The code families that the sections above do not list one by one: JSON key -> (family, title).
FAMILIES = {
    "missing_attributes": (Family.MISSING_ATTRIBUTE, "Missing attributes (fail when the test runs)"),
    "stubs": (Family.STUB, "Stubs still present"),
    "patch_targets": (Family.PATCH, "Stale patch targets (fail as each test starts)"),
}
# The hints that say where a name lives now (or that it lives nowhere).
LIVES_NOW = (HintKind.LIVES_IN, HintKind.NAMES_LIVE_IN, HintKind.PATCH_WHERE, HintKind.NOWHERE, HintKind.NEAR,
             HintKind.TYPE_CHECKING, HintKind.PER_NAME, HintKind.MODULE_NEAR, HintKind.CASE,
             HintKind.RENAMED_ELSEWHERE, HintKind.OUTSIDE)


def repair(finding: Finding) -> str:
    """The repair available for a broken import: a certain fix's kind, a stub, or none."""
    fix = finding.fix
    if fix is not None and fix.kind is FixKind.STUB:
        return "stub only"
    if fix is not None and fix.certain:
        return {FixKind.ALIAS: "alias", FixKind.MOVE: "move", FixKind.MOVE_MODULE: "module move",
                FixKind.ADD_IMPORT: "import added"}.get(fix.kind, "none")
    if finding.hint is not None and finding.hint.kind is HintKind.NOWHERE and CODES[finding.code].stubs:
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


def lives_now(finding: Finding) -> str:
    """Where the name a finding is about lives now, in its hint's words (codes.HINTS); "" if unknown."""
    hint = finding.hint
    if hint is None or hint.kind not in LIVES_NOW:
        return ""
    return HINTS[hint.kind].text(hint, finding).removeprefix("; ")


def listed(path: str, reported: Reported) -> dict[str, Any]:
    finding = reported.finding
    return {"path": path, "line": finding.line, "code": finding.code, "message": reported.message}


def figures(results: list[FileResult], baseline: Baseline | None = None) -> dict[str, Any]:
    reported = [(os.path.normpath(r.path), rep.finding) for r in results for rep in r.reported]
    broken = [(p, f) for p, f in reported if fails_collection(f)]
    placeholders = [(p, f) for p, f in reported if CODES[f.code].family is Family.PLACEHOLDER]
    blocked = {os.path.normpath(p) for paths in blocked_modules(results).values() for p in paths}
    uncollectable = sorted({p for p, _ in broken} | blocked)
    tests = {os.path.normpath(r.path): r.tests for r in results}
    per_file = Counter(p for p, _ in reported)
    causes: dict[str, set[str]] = {}
    cause_findings: Counter[str] = Counter()
    lives: dict[str, str] = {}
    for path, finding in broken:
        key = cause_of(finding)
        causes.setdefault(key, set()).add(path)
        cause_findings[key] += 1
        lives[key] = lives.get(key) or lives_now(finding)
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
        "root_causes": [{"cause": c, "test_files": len(files), "findings": cause_findings[c], "lives_now": lives[c]}
                        for c, files in sorted(causes.items(), key=lambda i: (-len(i[1]), i[0]))[:TOP]],
        **{section: _family(results, family) for section, (family, _) in FAMILIES.items()},
    }
    if baseline is not None:
        data["compare"] = _compare(results, baseline, data["by_code"])
    return data


def _family(results: list[FileResult], family: Family) -> dict[str, Any]:
    """The findings of one code family that no other section lists one by one."""
    found = [(os.path.normpath(r.path), rep) for r in results for rep in r.reported
             if CODES[rep.finding.code].family is family]
    return {"count": len(found), "fixable": sum(1 for _, rep in found if rep.finding.fixable),
            "list": [{**listed(p, rep), "lives_now": lives_now(rep.finding)} for p, rep in found]}


def _compare(results: list[FileResult], baseline: Baseline, by_code: dict[str, int]) -> dict[str, Any]:
    """Each code's count then and now, and apart the findings added since and the recorded ones fixed."""
    then = Counter[str]()
    for recorded, count in baseline.counts.items():
        then[recorded.code] += count
    added: list[dict[str, Any]] = []
    keys: list[Key] = []
    for result in results:
        file_keys = [rep.key for rep in result.reported]
        keys += file_keys
        added += [listed(os.path.normpath(result.path), rep)
                  for rep, new in zip(result.reported, baseline.new(file_keys)) if new]
    gone = baseline.gone(keys, {r.relative for r in results})
    fixed = [{**k._asdict(), "count": n} for k, n in sorted(gone.items())]
    codes = sorted(set(then) | set(by_code))
    return {"baseline": baseline.path, "added": added, "fixed": fixed, "codes": {
        code: {"baseline": then[code], "now": by_code.get(code, 0),
               "added": sum(1 for a in added if a["code"] == code),
               "fixed": sum(f["count"] for f in fixed if f["code"] == code)}
        for code in codes}}


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
        f"{u['files']} test files cannot be collected (at least one IMG1xx or an IMG103 read at import, "
        "or under a conftest.py that fails); "
        f"they hold {u['tests']} tests.\n",
    ]
    if u["list"]:
        parts.append(_table(("file", "tests", "findings"), [(f"`{i['path']}`", i["tests"], i["findings"])
                                                            for i in u["list"]]))
    broken = {c: n for c, n in data["by_code"].items() if CODES[c].family is Family.BROKEN_IMPORT}
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
              _table(("cause", "test files", "findings", "where the name lives now"),
                     [(i["cause"], i["test_files"], i["findings"], i["lives_now"] or "-")
                      for i in data["root_causes"]])]
    for section, (_, title) in FAMILIES.items():
        family = data[section]
        parts += [f"## {title}\n", _table(("file", "code", "finding", "where it lives now"), [
            (f"`{i['path']}:{i['line']}`", i["code"], _what(i["message"]), i["lives_now"] or "-")
            for i in family["list"][:LISTED]]) + _more(family["list"])]
    if "compare" in data:
        parts += _compared(data["compare"])
    return "\n".join(parts)


def _what(message: str) -> str:
    """A finding's message without its code and its hint (the table's last column says where it lives)."""
    return message.partition(" ")[2].partition("; ")[0].replace("|", "\\|")


def _more(items: list[Any]) -> str:
    return f"\n... and {len(items) - LISTED} more.\n" if len(items) > LISTED else ""


def _compared(compare: dict[str, Any]) -> list[str]:
    rows = [(c, CODES[c].symbol if c in CODES else "", v["baseline"], v["now"], v["added"], v["fixed"],
             f"{v['now'] - v['baseline']:+d}") for c, v in compare["codes"].items()]
    added, fixed = compare["added"], compare["fixed"]
    return [f"## Compared with `{compare['baseline']}`\n",
            _table(("code", "name", "baseline", "now", "added", "fixed", "change"), rows),
            f"### Added since the baseline ({len(added)})\n",
            _table(("file", "code", "finding"), [(f"`{a['path']}:{a['line']}`", a["code"], _what(a["message"]))
                                                 for a in added[:LISTED]]) + _more(added),
            f"### Fixed since the baseline ({sum(f['count'] for f in fixed)})\n",
            _table(("file", "code", "statement", "findings"), [
                (f"`{f['file']}`", f["code"], f"`{f['statement']}`" if f["statement"] else "-", f["count"])
                for f in fixed[:LISTED]]) + _more(fixed)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="importguard report", description="The state of a test suite in one page.")
    parser.add_argument("paths", nargs="*", default=["."], help="files or directories (default: .)")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown",
                        help="markdown (a page for people) or json (the same figures for machines); default: markdown")
    parser.add_argument("--output-file", default="", metavar="FILE",
                        help="write the report to this file instead of standard output")
    parser.add_argument("--compare", default="", metavar="BASELINE",
                        help="a baseline file (--write-baseline) to compare each code's count with")
    parser.add_argument("-j", "--jobs", default=0, type=parse_jobs, metavar="N|auto",
                        help="processes to check files with (default: auto, one per available core)")
    register_argparse(parser, SHARED + WALK + CONFIGURATION)
    return parser


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        configured = load(os.getcwd(), args.config, bool(args.isolated))
        settings = check(settings_from(args, configured))
        baseline = Baseline.read(args.compare) if args.compare else None
    except (ConfigError, SettingsError, BaselineError) as exc:
        print(f"importguard report: {exc}", file=sys.stderr)
        return 2
    run = Run(dataclasses.replace(settings, baseline=""), Session())
    started = time.monotonic()
    results = collect(run, named_files(run.session, run.settings, args.paths, exclusion(args, configured)), args.jobs)
    run.session.flush()
    data = figures(results, baseline)
    text = json.dumps(data, indent=2) + "\n" if args.format == "json" else markdown(data)
    if args.output_file:
        problem = write_output(args.output_file, text)
        if problem:
            print(f"importguard report: {problem}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    print(f"report of {data['test_files']} test files in {time.monotonic() - started:.2f} s", file=sys.stderr)
    return 0
