"""The benchmark: importguard beside its floors, plain flake8 and pylint, on two workloads.

    python bench/run.py                       # both workloads, medians of 3 runs (slow: ~30 min)
    python bench/run.py --quick               # a 0.25-size generated project, one run each
    python bench/run.py --workload synthetic --size 0.5 --runs 5

Run it with the interpreter of an environment where flake8-importguard, flake8 and pylint are
installed. Plain flake8 (b) runs from a second virtualenv without the plugin, made on first use
under --workdir with the same flake8, pyflakes, pycodestyle and mccabe versions. The real
project (Django, see DJANGO below) is downloaded as an sdist with pip at benchmark time.
Figures: median wall seconds, median CPU seconds (user+sys, children included) and the peak
resident memory of the largest process. See bench/README.md for what each letter means.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
DJANGO = "Django==5.1.4"
CACHE = ".importguard_cache"
FINDING = re.compile(r"^(.+?):(\d+):\d+: (IMG10[12]|E0401|E0611)\b(.*)$")
PYLINT_MODULE = re.compile(r"'([\w.]+)'\s*(?:\(|$)|module '([\w.]+)'")


@dataclass
class Workload:
    name: str
    root: str
    tests: str  # the test directory, relative to root
    pythonpath: list[str]  # absolute: what pylint gets as the source path
    editor_file: str  # a test file with a broken import (its hint needs the whole index), on stdin
    clean_file: str  # a test file without one
    expected: set | None = None  # (file, line) of every broken import, when known
    first_party: set = field(default_factory=set)


@dataclass
class Figure:
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kib: int = 0
    output: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def measure(cmd: list[str], cwd: str, runs: int, before=None, stdin_path: str | None = None,
            env: dict | None = None) -> Figure:
    """Run `cmd` `runs` times (calling `before()` ahead of each), timing each run."""
    fig = Figure()
    for _ in range(runs):
        if before:
            before()
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        out_path = os.path.join(cwd, ".bench-out")
        with open(out_path, "wb") as out:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, stdin=stdin, stdout=out, stderr=subprocess.DEVNULL,
                                    env={**os.environ, **(env or {})})
            _, status, usage = os.wait4(proc.pid, 0)
            fig.walls.append(time.perf_counter() - start)
        if stdin_path:
            stdin.close()
        fig.cpus.append(usage.ru_utime + usage.ru_stime)
        fig.rss_kib = max(fig.rss_kib, usage.ru_maxrss)
        with open(out_path, encoding="utf-8", errors="replace") as f:
            fig.output = f.read()
        os.remove(out_path)
    return fig


def noqa(root: str, path: str, line: int) -> bool:
    """Does that line carry a flake8 `# noqa` (which flake8 and importguard honour, pylint not)?"""
    try:
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            return "# noqa" in f.read().splitlines()[line - 1].lower()
    except (OSError, IndexError):
        return False


def broken(output: str, first_party: set, root: str) -> set:
    """(file, line) of every broken first-party import a tool reported (pylint's: those on a
    line without `# noqa`)."""
    found = set()
    for line in output.splitlines():
        match = FINDING.match(line)
        if not match:
            continue
        path, lineno, code, rest = match.groups()
        if code.startswith("E"):
            modules = [a or b for a, b in PYLINT_MODULE.findall(rest)]
            if not modules or modules[-1].split(".")[0] not in first_party or noqa(root, path, int(lineno)):
                continue
        found.add((os.path.normpath(path), int(lineno)))
    return found


# -- workloads ------------------------------------------------------------------------------
def synthetic(workdir: str, size: float) -> Workload:
    root = os.path.join(workdir, f"synthetic-{size}")
    subprocess.run([sys.executable, os.path.join(HERE, "genproject.py"), root, "--size", str(size)], check=True)
    with open(os.path.join(root, "bench_expected.json"), encoding="utf-8") as f:
        expected = {(os.path.normpath(p), line) for p, line in json.load(f)}
    editor = sorted(expected)[0][0]
    clean = next(p for p in sorted(os.path.relpath(f, root) for f in python_files(os.path.join(root, "tests")))
                 if os.path.basename(p).startswith("test_") and p not in {e[0] for e in expected})
    return Workload("synthetic", root, "tests", [root], editor, clean, expected, {"acme", "tests"})


def django(workdir: str) -> Workload:
    name, version = DJANGO.split("==")
    root = os.path.join(workdir, f"{name}-{version}")
    if not os.path.isdir(root):
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        DJANGO, "-d", workdir], check=True)
        with tarfile.open(os.path.join(workdir, f"{name}-{version}.tar.gz")) as tar:
            tar.extractall(workdir, filter="data")
    tests = os.path.join(root, "tests")
    first_party = {"django"} | {e for e in os.listdir(tests) if os.path.isdir(os.path.join(tests, e))} | {
        e[:-3] for e in os.listdir(tests) if e.endswith(".py")}
    return Workload("django", root, "tests", [root, tests], "tests/template_tests/broken_tag.py",
                    "tests/model_forms/tests.py", None, first_party)


def plain_flake8(workdir: str) -> str:
    """A virtualenv with flake8 and its default plugins, without flake8-importguard."""
    venv = os.path.join(workdir, "venv-plain-flake8")
    exe = os.path.join(venv, "bin", "flake8")
    if not os.path.exists(exe):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        pins = [f"{d}=={importlib.metadata.version(d)}" for d in ("flake8", "pyflakes", "pycodestyle", "mccabe")]
        subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "-q", *pins], check=True)
    return exe


def python_files(top: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        found += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py")]
    return found


# -- one workload ---------------------------------------------------------------------------
def bench(w: Workload, args: argparse.Namespace, flake8_plain: str) -> dict:
    py, root, runs = sys.executable, w.root, args.runs
    cache_dir = os.path.join(root, CACHE)

    def cold() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    bindir = os.path.dirname(py)
    flake8 = [os.path.join(bindir, "flake8")]
    importguard = [os.path.join(bindir, "importguard")]
    lists = {}
    for key, files in (("all", python_files(root)), ("tests", python_files(os.path.join(root, w.tests)))):
        lists[key] = os.path.join(args.workdir, f"{w.name}-{key}.txt")
        with open(lists[key], "w", encoding="utf-8") as f:
            f.write("\n".join(files))
    test_files = python_files(os.path.join(root, w.tests))
    figs: dict[str, Figure] = {}
    steps = [
        ("a", "floor: read + ast.parse every file, 1 process", [py, os.path.join(HERE, "floor.py"), lists["all"]],
         None, None),
        ("a'", "floor: the same over the test files", [py, os.path.join(HERE, "floor.py"), lists["tests"]], None, None),
        ("b", "plain flake8 (no plugin), test files", [flake8_plain, w.tests], None, None),
        ("c", "flake8 --select=IMG, cold", [*flake8, "--select=IMG", w.tests], cold, None),
        ("d", "flake8 --select=IMG, warm", [*flake8, "--select=IMG", w.tests], None, None),
        ("d1", "flake8 --select=IMG -j1, warm", [*flake8, "--select=IMG", "-j1", w.tests], None, None),
        ("e", "flake8 --select=IMG, 1 file on stdin, warm",
         [*flake8, "--select=IMG", "--stdin-display-name", w.editor_file, "-"], None, w.editor_file),
        ("e0", "plain flake8, the same file on stdin",
         [flake8_plain, "--stdin-display-name", w.editor_file, "-"], None, w.editor_file),
        ("f", "flake8 --select=IMG, 1 file on stdin, cold",
         [*flake8, "--select=IMG", "--stdin-display-name", w.editor_file, "-"], cold, w.editor_file),
        ("ec", "flake8 --select=IMG, a clean file on stdin, warm",
         [*flake8, "--select=IMG", "--stdin-display-name", w.clean_file, "-"], None, w.clean_file),
        ("ec0", "plain flake8, the clean file on stdin",
         [flake8_plain, "--stdin-display-name", w.clean_file, "-"], None, w.clean_file),
        ("g", "pylint import-error,no-name-in-module (its default -j1)",
         [py, "-m", "pylint", "--disable=all", "--enable=import-error,no-name-in-module", "--score=n",
          "--msg-template={path}:{line}:{column}: {msg_id} {msg}", *test_files], None, None),
        ("h", "importguard (-j auto), cold", [*importguard, w.tests], cold, None),
        ("h1", "importguard -j1, cold", [*importguard, "-j1", w.tests], cold, None),
        ("hw", "importguard (-j auto), warm", [*importguard, w.tests], None, None),
        ("hw1", "importguard -j1, warm", [*importguard, "-j1", w.tests], None, None),
        ("i", "importguard --diff, warm", [*importguard, "--diff", w.tests], None, None),
    ]
    has_diff = "--diff" in subprocess.run([*importguard, "--help"], capture_output=True, text=True).stdout
    for key, label, cmd, before, stdin in steps:
        if key in args.skip or (key == "i" and not has_diff):
            continue
        n = args.slow_runs if key == "g" else runs
        if key in ("d", "d1", "e", "ec", "hw", "hw1", "i"):
            measure(cmd, root, 1, stdin_path=stdin and os.path.join(root, stdin))  # warm up
        env = {"PYTHONPATH": os.pathsep.join(w.pythonpath)} if key == "g" else None
        print(f"  {w.name} ({key}) {label} ...", end="", flush=True)
        figs[key] = measure(cmd, root, n, before, stdin and os.path.join(root, stdin), env)
        print(f" {figs[key].wall:.2f}s wall, {figs[key].cpu:.2f}s cpu, {figs[key].rss_kib // 1024} MiB")
        figs[key].label = label  # type: ignore[attr-defined]
    return report(w, figs, len(test_files), len(python_files(root)))


def report(w: Workload, figs: dict, n_tests: int, n_all: int) -> dict:
    print(f"\n### {w.name}: {n_all} Python files, {n_tests} test files; editor files {w.editor_file} "
          f"(broken import), {w.clean_file} (clean)\n")
    print("| | what | wall s (median) | cpu s | peak MiB |\n|---|---|---|---|---|")
    for key, fig in figs.items():
        print(f"| {key} | {fig.label} | {fig.wall:.2f} | {fig.cpu:.2f} | {fig.rss_kib // 1024} |")

    def ratio(a: str, b: str) -> float | None:
        return figs[a].wall / figs[b].wall if a in figs and b in figs else None

    checks = [
        ("c / b  (flake8 cold vs plain)", ratio("c", "b"), "<=", 1.3),
        ("d / b  (flake8 warm vs plain)", ratio("d", "b"), "<=", 1.1),
        ("h / a  (importguard cold vs whole-project floor)", ratio("h", "a"), "<=", 3.0),
        ("hw / a' (importguard warm vs test-files floor)", ratio("hw", "a'"), "<=", 1.5),
        ("g / h  (pylint vs importguard cold)", ratio("g", "h"), ">=", 10.0),
        ("e / e0 (editor warm, file with a broken import)", ratio("e", "e0"), "<=", 1.2),
        ("ec / ec0 (editor warm, clean file)", ratio("ec", "ec0"), "<=", 1.2),
        ("f / (a + e0) (editor cold)", figs["f"].wall / (figs["a"].wall + figs["e0"].wall)
         if {"f", "a", "e0"} <= figs.keys() else None, "<", 1.0),
        ("d1 / d (flake8 warm, 1 core vs all)", ratio("d1", "d"), ">=", 1.6),
        ("hw1 / hw (importguard warm, 1 core vs all)", ratio("hw1", "hw"), ">=", 1.6),
        ("h1 / h (importguard cold, 1 core vs all)", ratio("h1", "h"), ">=", 1.6),
    ]
    peak = max(f.rss_kib for k, f in figs.items() if k in ("c", "d", "e", "ec", "f", "h", "h1", "hw", "hw1", "i"))
    print("\n| ratio | value | target | met |\n|---|---|---|---|")
    results = {}
    for label, value, op, target in checks:
        if value is None:
            continue
        met = value <= target if op == "<=" else value >= target if op == ">=" else value < target
        results[label] = [round(value, 2), f"{op} {target}", met]
        print(f"| {label} | {value:.2f} | {op} {target} | {'yes' if met else 'NO'} |")
    print(f"| peak memory of importguard/flake8 runs (MiB) | {peak // 1024} | < 1024 | "
          f"{'yes' if peak < 1024 * 1024 else 'NO'} |")
    agreement(w, figs)
    return {"figures": {k: [round(f.wall, 3), round(f.cpu, 3), f.rss_kib // 1024] for k, f in figs.items()},
            "ratios": results, "peak_mib": peak // 1024}


def agreement(w: Workload, figs: dict) -> None:
    """(c), (d), (h) and (g) must report the same broken imports (and the generator's truth)."""
    sets = {k: broken(figs[k].output, w.first_party, w.root) for k in ("c", "d", "h", "hw", "g") if k in figs}
    if w.expected is not None:
        sets["truth"] = w.expected
    reference = sets.get("truth", sets.get("g", next(iter(sets.values()), set())))
    print("\nbroken imports reported: " + ", ".join(f"{k}={len(v)}" for k, v in sets.items()))
    for key, found in sets.items():
        if found != reference:
            print(f"  DISAGREE {key}: missing {sorted(reference - found)[:10]}, extra {sorted(found - reference)[:10]}")
    if all(v == reference for v in sets.values()):
        print("  all agree")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", choices=("synthetic", "django", "all"), default="all")
    parser.add_argument("--size", type=float, default=1.0, help="generated project size (1.0: 3,000 modules)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is shown)")
    parser.add_argument("--slow-runs", type=int, default=1, help="runs of pylint (g)")
    parser.add_argument("--quick", action="store_true", help="--size 0.25 --runs 1, synthetic only")
    parser.add_argument("--skip", default="", help="comma-separated figures to skip, e.g. g,b")
    parser.add_argument("--workdir", default=os.path.join("/tmp", "importguard-bench"))
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.runs, args.workload = 0.25, 1, "synthetic" if args.workload == "all" else args.workload
    args.skip = set(filter(None, args.skip.split(",")))
    os.makedirs(args.workdir, exist_ok=True)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"cores available: {cpus}; load average before: {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}")
    flake8_plain = plain_flake8(args.workdir)
    workloads = []
    if args.workload in ("synthetic", "all"):
        workloads.append(synthetic(args.workdir, args.size))
        time.sleep(2.5)  # let the fresh files age past the cache's racy window
    if args.workload in ("django", "all"):
        workloads.append(django(args.workdir))
    results = {"cores": cpus}
    for w in workloads:
        results[w.name] = bench(w, args, flake8_plain)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
