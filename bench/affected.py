"""The pre-commit hook's cost for a one-file app change: `importguard --changed` (the test files the
staged change reaches) against `importguard tests/` (every test file), both warm, on the generated
benchmark project in a git repository.

    python bench/affected.py [--size 1.0] [--runs 3] [--workdir /tmp/importguard-bench-affected]

Prints each figure (median wall time, CPU time), the number of test files each run checked, the
ratio, and the floor the target compares with: checking only the affected test files (named on the
command line, warm), which is what the hook would cost with no lookup at all.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import genproject
from run import measure

IMPORTGUARD = os.path.join(os.path.dirname(sys.executable), "importguard")
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
SUMMARY = re.compile(r"checked (\d+) test files? in")


def checked(stderr_of: list[str], cwd: str) -> int:
    """How many test files a run checks (its summary line)."""
    proc = subprocess.run(stderr_of, cwd=cwd, capture_output=True, text=True)
    match = SUMMARY.search(proc.stderr)
    return int(match.group(1)) if match else -1


def one_file_change(root: str) -> str:
    """Change one app module that some tests import (a new function at its end), and stage it."""
    package = os.path.join(root, "acme", "billing", "models")
    target = os.path.join(package, sorted(f for f in os.listdir(package) if f.endswith(".py") and f[0] != "_")[0])
    with open(target, "a", encoding="utf-8") as f:
        f.write("\n\ndef added_by_the_benchmark():\n    return 1\n")
    subprocess.run([*GIT, "add", target], cwd=root, check=True)
    return os.path.relpath(target, root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", default=os.path.join("/tmp", "importguard-bench-affected"))
    args = parser.parse_args(argv)
    root = os.path.join(args.workdir, "project")
    genproject.main([root, "--size", str(args.size)])
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run([*GIT, *command], cwd=root, check=True)
    subprocess.run([IMPORTGUARD, "tests"], cwd=root, capture_output=True)  # the index cache, warm
    changed = one_file_change(root)
    hook = [IMPORTGUARD, "--changed"]
    every = [IMPORTGUARD, "tests"]
    listed = subprocess.run([sys.executable, "-c", (
        "import os, sys; from flake8_importguard import affected; from flake8_importguard.config import Settings;"
        "from flake8_importguard.session import Session;"
        "p = Session().project_for(os.getcwd(), Settings());"
        f"print('\\n'.join(sorted(os.path.relpath(t) for t in affected.tests_to_check(p, [{changed!r}]))))")],
        cwd=root, capture_output=True, text=True, check=True).stdout.split()
    floor = [IMPORTGUARD, *listed]
    figures = {name: measure(cmd, root, args.runs) for name, cmd in
               (("hook", hook), ("every", every), ("floor", floor))}
    counts = {"hook": checked(hook, root), "every": checked(every, root), "floor": len(listed)}
    print(f"one-file app change: {changed}; {counts['hook']} of {counts['every']} test files reached")
    for name, what in (("hook", "importguard --changed (the hook), warm"),
                       ("every", "importguard tests/ (every test file), warm"),
                       ("floor", "importguard on the affected test files only, warm")):
        fig = figures[name]
        print(f"| {what} | {fig.wall:.2f} s | cpu {fig.cpu:.2f} s | {counts[name]} test files |")
    print(f"ratio hook / every test file: {figures['hook'].wall / figures['every'].wall:.2f}")
    print(f"ratio hook / floor: {figures['hook'].wall / figures['floor'].wall:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
