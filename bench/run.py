"""The benchmark: importguard beside its floors, ty, pylint and plain flake8, side by side.

    python bench/run.py                          # backend (4,875 modules) and Django, medians of 3
    python bench/run.py --quick                  # a 0.25-size backend, one run of each
    python bench/run.py --workload django --runs 1 --skip pylint
    python bench/run.py --workload backend --size 0.25 --only warm,app,moved,moved1   # the relocated figures

Run it with the interpreter of an environment where flake8-importguard, flake8, pylint and ty are
installed (bench/README.md). Each repetition runs every figure once, in turn, so that the load of
a shared machine falls on all of them alike; a figure is the median of its runs (wall and CPU
seconds, children included) with the peak resident memory of its largest process. The findings of
every importguard mode and of the editor runs must be identical; the broken imports that ty and
pylint report are set beside the generated project's truth.
"""
from __future__ import annotations

import argparse
import functools
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field

from measure import (LSP_SAVES, Figure, Step, affected_by, broken_imports, findings_of, plain_flake8,
                     python_files, ratio_rows, run_step, write_list)

HERE = os.path.dirname(os.path.abspath(__file__))
DJANGO = "Django==5.1.4"
CACHE = ".importguard_cache"
SHARDS = 2  # the union of their findings must be the whole run's


@dataclass
class Workload:
    name: str
    root: str
    tests: str  # the test directory, relative to root
    pythonpath: list[str]  # absolute: pylint's source path
    editor_file: str  # a test file with a broken import, saved in an editor
    clean_file: str  # a test file without one
    app_module: str  # an app module that many test files import: changed by one line
    expected: set | None = None  # (file, line) of every broken import, when known
    first_party: set = field(default_factory=set)


def backend(workdir: str, size: float) -> Workload:
    root = os.path.join(workdir, f"backend-{size}")
    if not os.path.isdir(root):
        subprocess.run([sys.executable, os.path.join(HERE, "genbackend.py"), root, "--size", str(size)], check=True)
        time.sleep(2.5)  # older than the cache's racy window
    with open(os.path.join(root, "bench_expected.json"), encoding="utf-8") as f:
        expected = {(os.path.normpath(p), line) for p, line in json.load(f)}
    tests = sorted(os.path.relpath(p, root) for p in python_files(os.path.join(root, "tests")))
    broken = {p for p, _ in expected}
    editor = sorted(broken)[0]
    clean = next(p for p in tests if os.path.basename(p).startswith("test_") and p not in broken)
    tops = {e for e in os.listdir(root) if os.path.isfile(os.path.join(root, e, "__init__.py"))}
    return Workload("backend", root, "tests", [root], editor, clean, "billing/accounts/models/core/__init__.py",
                    expected, tops)


def django(workdir: str) -> Workload:
    name, version = DJANGO.split("==")
    root = os.path.join(workdir, f"{name}-{version}")
    if not os.path.isdir(root):
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        DJANGO, "-d", workdir], check=True)
        with tarfile.open(os.path.join(workdir, f"{name}-{version}.tar.gz")) as tar:
            tar.extractall(workdir, filter="data")
        time.sleep(2.5)
    tests = os.path.join(root, "tests")
    first_party = {"django"} | {e for e in os.listdir(tests) if os.path.isdir(os.path.join(tests, e))} | {
        e[:-3] for e in os.listdir(tests) if e.endswith(".py")}
    return Workload("django", root, "tests", [root, tests], "tests/template_tests/broken_tag.py",
                    "tests/model_forms/tests.py", "django/db/models/__init__.py", None, first_party)


def steps(w: Workload, args: argparse.Namespace) -> list[Step]:
    """Every figure of a workload: (key, what, command, how to prepare, stdin)."""
    py, bindir = sys.executable, os.path.dirname(sys.executable)
    guard, flake8 = os.path.join(bindir, "importguard"), os.path.join(bindir, "flake8")
    lists = {key: write_list(args.workdir, f"{w.name}-{key}", files) for key, files in (
        ("all", python_files(w.root)), ("tests", python_files(os.path.join(w.root, w.tests))))}
    floor = [py, os.path.join(HERE, "floor.py")]
    editor = [flake8, "--select=IMG", "--stdin-display-name"]
    plain = [plain_flake8(args.workdir), "--stdin-display-name"]
    touch_app, touch_test = os.path.join(w.root, w.app_module), os.path.join(w.root, w.clean_file)
    ty = [os.path.join(bindir, "ty"), "check", "--ignore", "all", "--error", "import-not-found", "--error",
          "missing-module-member", "--no-progress", "--output-format", "concise", w.tests]
    return [
        Step("cold", "importguard (-j auto), cold", [guard, w.tests], "cold"),
        Step("a", "floor a: read + ast.parse every file, one process", [*floor, lists["all"]]),
        Step("ty", "ty check, import rules only, cold", ty),
        Step("cold1", "importguard -j1, cold", [guard, "-j1", w.tests], "cold"),
        Step("a'", "floor a': the same over the test files", [*floor, lists["tests"]]),
        Step("warm", "importguard (-j auto), warm, nothing changed", [guard, w.tests]),
        Step("warm1", "importguard -j1, warm, nothing changed", [guard, "-j1", w.tests]),
        Step("app", f"importguard, warm, one line added to {w.app_module}", [guard, w.tests], ("touch", touch_app)),
        Step("app'", "floor: the test files that read it, and it", [*floor, "@affected"], ("floor", touch_app)),
        Step("test", f"importguard, warm, one line added to {w.clean_file}", [guard, w.tests],
             ("touch", touch_test)),
        Step("moved", "importguard, the project with its cache copied to another directory", [guard, w.tests],
             "moved"),
        Step("moved1", f"importguard, moved, then one line added to {w.app_module} there", [guard, w.tests],
             ("moved", w.app_module)),
        *(Step(f"shard{k}", f"importguard --shard {k}/{SHARDS}, warm", [guard, "--shard", f"{k}/{SHARDS}", w.tests])
          for k in range(1, SHARDS + 1)),
        Step("test'", "floor: that test file", [*floor, write_list(args.workdir, f"{w.name}-test", [touch_test])]),
        Step("e", "flake8 --select=IMG, a file with a broken import on stdin, warm",
             [*editor, w.editor_file, "-"], stdin=w.editor_file),
        Step("e0", "plain flake8, the same file on stdin", [*plain, w.editor_file, "-"], stdin=w.editor_file),
        Step("en", "flake8 --select=IMG, the same file importing one more name no run asked about, warm",
             [*editor, w.editor_file, "-"], ("fresh", first_party_import(w)), stdin=w.editor_file),
        Step("ec", "flake8 --select=IMG, a clean file on stdin, warm", [*editor, w.clean_file, "-"],
             stdin=w.clean_file),
        Step("ec0", "plain flake8, the clean file on stdin", [*plain, w.clean_file, "-"], stdin=w.clean_file),
        Step("l", f"importguard lsp: the broken file saved, answered by the running server "
             f"(median of {LSP_SAVES} saves a run)", [], "lsp", stdin=w.editor_file),
        Step("lc", "importguard lsp: the clean file saved", [], "lsp", stdin=w.clean_file),
        Step("f", "flake8 --select=IMG, the broken file on stdin, cold", [*editor, w.editor_file, "-"], "cold",
             stdin=w.editor_file),
        Step("pylint", "pylint --disable=all --enable=E0401,E0611, test files (its -j1)",
             [py, "-m", "pylint", "--disable=all", "--enable=E0401,E0611", "--score=n",
              "--msg-template={path}:{line}:{column}: {msg_id} {msg}", *python_files(os.path.join(w.root, w.tests))],
             env={"PYTHONPATH": os.pathsep.join(w.pythonpath)}, slow=True),
    ]


def first_party_import(w: Workload) -> str:
    """The editor file's first `from M import N` of a first-party module M, as `from M import N`."""
    with open(os.path.join(w.root, w.editor_file), encoding="utf-8") as f:
        for module, name in re.findall(r"^from ([\w.]+) import \(?\s*(\w+)", f.read(), re.M):
            if module.split(".")[0] in w.first_party:
                return f"from {module} import {name}"
    raise SystemExit(f"{w.editor_file}: no import of a first-party module to add a name to")


def bench(w: Workload, args: argparse.Namespace) -> dict:
    todo = [s for s in steps(w, args) if s.key not in args.skip and (not args.only or s.key in args.only)]
    figs: dict[str, Figure] = {s.key: Figure(s.label) for s in todo}
    cache = os.path.join(w.root, CACHE)
    warmed = subprocess.run([os.path.join(os.path.dirname(sys.executable), "importguard"), w.tests], cwd=w.root,
                            capture_output=True, text=True, errors="replace")  # warm, for the first warm figure
    for n in range(args.runs):
        for step in todo:
            if step.slow and n >= args.slow_runs:
                continue
            reached = functools.partial(affected_by, cache, w.root, step.prepare)
            run_step(step, figs[step.key], w.root, cache, args.workdir, reached)
            print(f"  {w.name} run {n + 1} ({step.key}) {figs[step.key].walls[-1]:.2f}s", flush=True)
    return report(w, figs, warmed.stdout)


def report(w: Workload, figs: dict[str, Figure], warmed: str = "") -> dict:
    print(f"\n### {w.name}: {len(python_files(w.root))} Python files, "
          f"{len(python_files(os.path.join(w.root, w.tests)))} under {w.tests}/\n")
    print("| | what | wall s (median) | cpu s | peak MiB | runs |\n|---|---|---|---|---|---|")
    for key, fig in figs.items():
        print(f"| {key} | {fig.label} | {fig.wall:.2f} | {fig.cpu:.2f} | {fig.rss_kib // 1024} | {len(fig.walls)} |")
    rows = ratio_rows(figs)
    print("\n| ratio | value (wall) | value (cpu) | target | met |\n|---|---|---|---|---|")
    for label, wall, cpu, target, met in rows:
        said = "" if target == "(none)" else "yes" if met else "NO"
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {target} | {said} |")
    peak = max((f.rss_kib for k, f in figs.items() if k in ("cold", "cold1", "warm", "app", "e", "f")), default=0)
    print(f"| peak memory of importguard and flake8 --select=IMG (MiB) | {peak // 1024} | | < 1024 | "
          f"{'yes' if peak < 1024 * 1024 else 'NO'} |")
    same = agreement(w, figs, warmed)
    return {"figures": {k: [round(f.wall, 3), round(f.cpu, 3), f.rss_kib // 1024] for k, f in figs.items()},
            "ratios": {label: [round(wall, 2), round(cpu, 2), target, met] for label, wall, cpu, target, met in rows},
            "peak_mib": peak // 1024, "identical": same}


def agreement(w: Workload, figs: dict[str, Figure], warmed: str = "") -> bool:
    """Every importguard mode reports the same findings; the editor runs report that file's. With
    no mode among the figures (`--only e,ec,f`), the run that warmed the index is the reference."""
    modes = {k: findings_of(figs[k].output) for k in ("cold", "cold1", "warm", "warm1", "app", "test", "moved",
                                                      "moved1") if k in figs}
    if not modes and warmed:
        modes["warmup"] = findings_of(warmed)
    shards = [f"shard{k}" for k in range(1, SHARDS + 1)]
    if all(k in figs for k in shards):
        modes["shards"] = set().union(*(findings_of(figs[k].output) for k in shards))
    files = {"e": w.editor_file, "ec": w.clean_file, "f": w.editor_file, "l": w.editor_file, "lc": w.clean_file}
    editor = {k: findings_of(figs[k].output, only=f) for k, f in files.items() if k in figs}
    reference = next(iter(modes.values()), set())
    same = all(found == reference for found in modes.values()) and all(
        found == {x for x in reference if x[0] == files[k]} for k, found in editor.items())
    if "en" in figs:  # the editor file's findings and one more: the name no run asked about (fresh_name)
        found, expected = findings_of(figs["en"].output, only=w.editor_file), editor.get("e")
        expected = {x for x in reference if x[0] == w.editor_file} if expected is None else expected
        same = same and expected < found and len(found - expected) == 1
        print(f"en: the editor file's {len(expected)} findings and {len(found - expected)} more: "
              f"{sorted(found - expected)[:1]}")
    print(f"\nfindings: {len(reference)} in every mode ({', '.join(modes)}) and editor run ({', '.join(editor)}): "
          f"{'identical' if same else 'DIFFERENT'}")
    if not same:
        for key, found in [*modes.items(), *editor.items()]:
            expected = reference if key in modes else {x for x in reference if x[0] == files[key]}
            if found != expected:
                print(f"  {key}: {len(expected - found)} missing, {len(found - expected)} more, "
                      f"e.g. {sorted(found ^ expected)[:3]}")
    sets = {k: broken_imports(figs[k].output, w.first_party, w.root) for k in ("cold", "ty", "pylint") if k in figs}
    if w.expected is not None:
        sets["truth"] = w.expected
    print("broken imports reported: " + ", ".join(f"{k}={len(v)}" for k, v in sets.items()))
    truth = sets.get("truth", sets.get("cold", set()))
    for key, found in sets.items():
        if found != truth:
            print(f"  {key}: {len(truth - found)} missed, {len(found - truth)} more than "
                  f"{'the truth' if 'truth' in sets else 'importguard'}, e.g. {sorted(found ^ truth)[:3]}")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", choices=("backend", "django", "all"), default="all")
    parser.add_argument("--size", type=float, default=1.0, help="generated backend size (1.0: 4,875 modules)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (the median is shown)")
    parser.add_argument("--slow-runs", type=int, default=1, help="repetitions of pylint")
    parser.add_argument("--quick", action="store_true", help="--size 0.25 --runs 1 --skip pylint, backend only")
    parser.add_argument("--skip", default="", help="comma-separated figures to skip, e.g. pylint,f")
    parser.add_argument("--only", default="", help="comma-separated figures to run, the others skipped, e.g. "
                        "warm,app,moved,moved1 (the relocated figures and what they are set beside)")
    parser.add_argument("--workdir", default=os.path.join("/tmp", "importguard-bench"))
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.runs, args.skip = 0.25, 1, args.skip + ",pylint"
        args.workload = "backend" if args.workload == "all" else args.workload
    args.skip, args.only = set(filter(None, args.skip.split(","))), set(filter(None, args.only.split(",")))
    os.makedirs(args.workdir, exist_ok=True)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = {d: importlib.metadata.version(d) for d in ("flake8-importguard", "flake8", "pylint", "ty")
                if _installed(d)}
    print(f"cores: {cpus}; load average before: {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}; "
          + ", ".join(f"{d} {v}" for d, v in versions.items()))
    start = time.monotonic()
    workloads = [w(args) for name, w in (("backend", lambda a: backend(a.workdir, a.size)),
                                         ("django", lambda a: django(a.workdir)))
                 if args.workload in (name, "all")]
    results: dict = {"cores": cpus, "versions": versions}
    compiled()
    for w in workloads:
        results[w.name] = bench(w, args)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}; the benchmark took {time.monotonic() - start:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    shutil.rmtree(os.path.join(args.workdir, "out"), ignore_errors=True)
    different = [w.name for w in workloads if not results[w.name]["identical"]]
    if different:
        print(f"FAILED: the findings differ between modes ({', '.join(different)})", file=sys.stderr)
        return 1
    return 0


def compiled() -> None:
    """Every process the benchmark starts may write its bytecode: with PYTHONDONTWRITEBYTECODE (as
    this project's environment sets it) each timed run would compile flake8-importguard again,
    and the figures would count it. The package is compiled once, now (its `__pycache__`
    directories, which git ignores); the other modules' bytecode is there since their install."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    spec = importlib.util.find_spec("flake8_importguard")
    assert spec is not None and spec.submodule_search_locations, "flake8-importguard is not installed"
    subprocess.run([sys.executable, "-m", "compileall", "-q", *spec.submodule_search_locations], check=True,
                   stdout=subprocess.DEVNULL)


def _installed(dist: str) -> bool:
    try:
        importlib.metadata.version(dist)
        return True
    except importlib.metadata.PackageNotFoundError:
        return False


if __name__ == "__main__":
    raise SystemExit(main())
