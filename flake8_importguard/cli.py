"""The importguard command: the same core as the flake8 plugin, without flake8's own checks."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Iterator, Sequence

from flake8_importguard import __version__
from flake8_importguard.checker import check_source
from flake8_importguard.codes import render
from flake8_importguard.config import Settings, register_argparse, settings_from

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


def _selected(code: str, select: tuple[str, ...]) -> bool:
    return not select or any(code.startswith(prefix) for prefix in select)


def check_file(path: str, settings: Settings, select: tuple[str, ...], display: str | None = None,
               source: bytes | None = None) -> tuple[list[str], bool]:
    """Rendered findings for one file, and whether the file could be read at all."""
    display = display or path
    try:
        if source is None:
            with open(path, "rb") as f:
                source = f.read()
        findings = check_source(source, display if display != "-" else path, settings)
    except OSError as exc:
        print(f"{display}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return [], False
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None) or 1
        print(f"{display}:{line}: cannot parse: {exc.__class__.__name__}: {getattr(exc, 'msg', exc)}",
              file=sys.stderr)
        return [], False
    except RecursionError:
        print(f"{display}: too deeply nested to check", file=sys.stderr)
        return [], False
    lines = [f"{display}:{f.line}:{f.col + 1}: {render(f)}" for f in findings if _selected(f.code, select)]
    return lines, True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="importguard",
        description="Find test imports of first-party code that do not exist, and placeholders that hide them.",
    )
    parser.add_argument("paths", nargs="*", default=["."], help="files or directories; '-' reads stdin")
    parser.add_argument("--select", default="", help="comma-separated code prefixes to report (default: all)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when something was found")
    parser.add_argument("--stdin-display-name", default="stdin",
                        help="the path of the file read from stdin, for finding its project")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    register_argparse(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings_from(args)
    select = tuple(s.strip() for s in args.select.split(",") if s.strip())
    found = False
    failed = False
    for path in iter_files(args.paths):
        if path == "-":
            lines, ok = check_file(args.stdin_display_name, settings, select,
                                   display=args.stdin_display_name, source=sys.stdin.buffer.read())
        else:
            lines, ok = check_file(path, settings, select)
        failed = failed or not ok
        for line in lines:
            print(line)
        found = found or bool(lines)
    if args.exit_zero:
        return 0
    return 1 if found or failed else 0
