"""The pre-commit hook's cost for a one-file app change: `importguard --changed` (the test files the
staged change reaches) against `importguard tests/` (every test file), both warm, on the generated
backend (bench/genbackend.py) in a git repository.

    python bench/affected.py [--size 1.0] [--runs 3] [--workdir /tmp/importguard-bench-affected]

Prints each figure (median wall and CPU time, alternating the commands run by run), the number of
test files each checks, and the ratios against checking every test file and against the floor:
`importguard` on the affected test files named on the command line (what the hook would cost with
a free lookup), and the parse floor of those files and the changed module.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import genbackend
from measure import Figure, timed, write_list

IMPORTGUARD = os.path.join(os.path.dirname(sys.executable), "importguard")
FLOOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "floor.py")
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
SUMMARY = re.compile(r"checked (\d+) test files? in")
APP_MODULE = "billing/accounts/models/core/__init__.py"  # a package many test files import through
REACHED = ("import os; from flake8_importguard.run import affected; "
           "from flake8_importguard.base.config import Settings; from flake8_importguard.run.session import Session; "
           "s = Session(); g = s.graph(s.project_for(os.getcwd(), Settings())); "
           "print('\\n'.join(sorted(os.path.relpath(t) for t in affected.tests_to_check(g, [{changed!r}]))))")


def checked(command: list[str], cwd: str) -> int:
    """How many test files a run checks (its summary line)."""
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    match = SUMMARY.search(proc.stderr)
    return int(match.group(1)) if match else -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", default=os.path.join("/tmp", "importguard-bench-affected"))
    args = parser.parse_args(argv)
    root = os.path.join(args.workdir, f"backend-{args.size}")
    if not os.path.isdir(root):
        genbackend.main([root, "--size", str(args.size)])
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
            subprocess.run([*GIT, *command], cwd=root, check=True, capture_output=True)
    subprocess.run([*GIT, "reset", "-q", "--hard"], cwd=root, check=True)
    subprocess.run([IMPORTGUARD, "tests"], cwd=root, capture_output=True)  # the index cache and graph, warm
    changed = os.path.join(root, APP_MODULE)
    with open(changed, "a", encoding="utf-8") as f:
        f.write("\n\ndef added_by_the_benchmark():\n    return 1\n")
    subprocess.run([*GIT, "add", APP_MODULE], cwd=root, check=True)
    listed = subprocess.run([sys.executable, "-c", REACHED.format(changed=changed)], cwd=root, capture_output=True,
                            text=True, check=True).stdout.split()
    commands = {
        "hook": ("importguard --changed (the hook), warm", [IMPORTGUARD, "--changed"]),
        "every": ("importguard tests/ (every test file), warm", [IMPORTGUARD, "tests"]),
        "named": ("importguard on the affected test files only, warm", [IMPORTGUARD, *listed]),
        "floor": ("floor: read + ast.parse those files and the module",
                  [sys.executable, FLOOR, write_list(args.workdir, "affected", [*listed, changed])]),
    }
    figures = {key: Figure(label) for key, (label, _) in commands.items()}
    for _ in range(args.runs):
        for key, (_, command) in commands.items():
            timed(command, root, figures[key], args.workdir, None, None)
    counts = {"hook": checked(commands["hook"][1], root), "every": checked(commands["every"][1], root),
              "named": len(listed), "floor": len(listed)}
    subprocess.run([*GIT, "reset", "-q", "--hard"], cwd=root, check=True)
    print(f"one-line change to {APP_MODULE}: {counts['hook']} of {counts['every']} test files reached\n")
    print("| | wall s (median) | cpu s | test files |\n|---|---|---|---|")
    for key, fig in figures.items():
        print(f"| {fig.label} | {fig.wall:.2f} | {fig.cpu:.2f} | {counts[key]} |")
    hook = figures["hook"]
    for key in ("every", "named", "floor"):
        print(f"hook / {key}: {hook.wall / figures[key].wall:.2f} (cpu {hook.cpu / figures[key].cpu:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
