"""The importguard command: the same core as the flake8 plugin, without flake8's own checks.

`importguard PATHS` reports like flake8 (and honours `# noqa` as flake8 does); `--fix` writes the
certain repairs (fix/), `--diff` prints them as a unified diff and writes nothing, `--stub` also
writes failing stubs for names defined nowhere. The run layer does the work (run/checkrun.py,
run/fixrun.py, run/results.py); this module parses the command line and starts it. Pre-commit's
contract: bytes in and out, `Rewriting <file>` on stderr, exit 1 when a file changed (or would) or
a finding remains, `-` reads stdin (with --fix the fixed source goes to stdout).
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from typing import Sequence

from flake8_importguard import __version__
from flake8_importguard.base.config import SettingsError, check, exclusion, register_argparse, settings_from
from flake8_importguard.base.files import Excluded
from flake8_importguard.configfile import ConfigError, load
from flake8_importguard.run.baseline import Baseline, BaselineError
from flake8_importguard.run.blocked import named_files
from flake8_importguard.run.checkrun import Run, collect, in_shard
from flake8_importguard.run.fixrun import fix_paths
from flake8_importguard.run.parallel import parse_jobs
from flake8_importguard.run.results import Output, finish
from flake8_importguard.run.session import Session


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="importguard",
        description="Find test imports of first-party code that do not exist, and placeholders that hide them.",
        epilog="importguard report [PATHS]: the state of a test suite in one page (importguard report --help). "
               "importguard lsp: a language server on stdio, for editors (the 'lsp' extra). "
               "Exit status: 0 nothing found, 1 findings or files changed, 2 a usage or configuration error.",
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


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["report"]:
        from flake8_importguard.report import main as report

        return report(arguments[1:])
    if arguments[:1] == ["lsp"]:
        try:
            from flake8_importguard.lsp import main as lsp  # imports pygls: only for the language server
        except ImportError as exc:
            print(f"importguard lsp: {exc}; install the 'lsp' extra", file=sys.stderr)
            return 2
        return lsp(arguments[1:])
    args = build_parser().parse_args(arguments)
    started = time.monotonic()
    try:
        configured = load(os.getcwd(), args.config, bool(args.isolated))
        settings = check(settings_from(args, configured))
        if settings.baseline and not args.write_baseline:
            Baseline.read(settings.baseline)  # before the run: a mistyped path is said at once
    except (ConfigError, SettingsError, BaselineError) as exc:
        print(f"importguard: {exc}", file=sys.stderr)
        return 2
    select = tuple(s.strip() for s in args.select.split(",") if s.strip())
    run = Run(dataclasses.replace(settings, select=select), Session(),
              fix=args.fix or args.stub or args.diff, diff=args.diff,
              stdin=sys.stdin.buffer.read() if "-" in args.paths else None, display=args.stdin_display_name)
    paths = _targets(run, args, exclusion(args, configured))
    if paths is None:
        return 2
    if args.shard:
        paths = in_shard(run, paths, args.shard)
    if not run.fix:
        results = collect(run, paths, args.jobs)
        run.session.flush()
        status = finish(run, results, Output(args.format, args.output_file or "", bool(args.statistics),
                                             run.settings.baseline, args.write_baseline or ""), started)
        return 0 if args.exit_zero and status != 2 else status
    fix_paths(run, paths, args.jobs, args.stub)
    run.session.flush()
    for line in run.out:
        print(line, end="" if run.diff else "\n")
    return 0 if args.exit_zero else int(run.dirty)


def _targets(run: Run, args: argparse.Namespace, excluded: Excluded) -> list[str] | None:
    """The files to check, but those `excluded`: those named (directories walked), or with
    --changed / --changed-since the test files the changes reach (None: the changes could not be
    read)."""
    if not (args.changed or args.changed_since):
        return named_files(run.session, run.settings, args.paths, excluded)
    from flake8_importguard.run.affected import ChangeError, files_to_check

    try:
        reached = files_to_check(run.session, run.settings, args.paths if args.paths != ["."] else [],
                                 staged=bool(args.changed), since=args.changed_since or "")
    except ChangeError as exc:
        run.say(f"importguard: {exc}")
        return None
    return [p for p in reached if not any(excluded(d) for d in _and_parents(p))]


def _and_parents(path: str) -> list[str]:
    """`path` and the directories it is in, up to the current directory (or the root): a file a
    change reaches is left out when an excluded directory holds it, as flake8's walk would."""
    found = [path]
    here, current = os.path.dirname(os.path.abspath(path)), os.getcwd()
    while here == current or here.startswith(current + os.sep):
        found.append(here)
        if here == current:
            break
        here = os.path.dirname(here)
    return found
