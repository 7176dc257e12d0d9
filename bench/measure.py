"""How bench/run.py measures: one figure's runs, the changes a figure makes before it runs,
the floors, and reading what each tool reported."""
from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import lspsave

LSP_SAVES = 11  # saves of one file per run of the lsp figures (the server started once for them)
FINDING = re.compile(r"^(.+?):(\d+):\d+: (IMG\d{3})\b(.*)$")
BROKEN = re.compile(r"^(.+?):(\d+):\d+: (?:(IMG10[12])|(E0401|E0611)|error\[(import-not-found|missing-module-member)\])"
                    r"(.*)$")
MODULE_NAMED = re.compile(r"'([\w.]+)'\s*(?:\(|$)|module '([\w.]+)'|`([\w.]+)`")


@dataclass
class Step:
    key: str
    label: str
    cmd: list[str]
    prepare: Any = None  # None, "cold", ("touch", file): one line added for the run, ("floor", file), "moved",
    # ("moved", file): moved, then one line added to that file (relative to the root) in the copy, ("fresh",
    # "from M import N"): stdin with that line, N a name no run asked about before (fresh_name)
    stdin: str | None = None  # a file of the project, relative to its root
    env: dict | None = None
    slow: bool = False  # run only --slow-runs times


@dataclass
class Figure:
    label: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kib: int = 0
    output: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")


def run_step(step: Step, fig: Figure, root: str, cache: str, workdir: str,
             affected: Callable[[], list[str]]) -> None:
    """Prepare, run and time one step once; undo what it changed and warm the cache again."""
    cmd, touched, cwd = list(step.cmd), None, root
    fresh = isinstance(step.prepare, tuple) and step.prepare[0] == "fresh"
    stdin = fresh_name(root, str(step.stdin), workdir, step.prepare[1]) if fresh else step.stdin
    moved = step.prepare == "moved" or isinstance(step.prepare, tuple) and step.prepare[0] == "moved"
    if moved:  # the project and its cache copied elsewhere, as a checkout and a restore make it
        cwd = os.path.join(workdir, "moved", os.path.basename(root))
        shutil.rmtree(os.path.dirname(cwd), ignore_errors=True)
        shutil.copytree(root, cwd, copy_function=shutil.copyfile)  # the same bytes, new timestamps
        if isinstance(step.prepare, tuple):
            with open(os.path.join(cwd, step.prepare[1]), "ab") as f:
                f.write(b"\nBENCH_CHANGED = 1  # one line more\n")
    elif step.prepare == "cold":
        shutil.rmtree(cache, ignore_errors=True)
    elif isinstance(step.prepare, tuple) and step.prepare[0] == "floor":
        listed = write_list(workdir, "affected", [*affected(), step.prepare[1]])
        cmd = [listed if arg == "@affected" else arg for arg in cmd]
    elif isinstance(step.prepare, tuple) and not fresh:
        touched = step.prepare[1]
        with open(touched, "rb") as f:
            original = f.read()
        with open(touched, "ab") as f:
            f.write(b"\nBENCH_CHANGED = 1  # one line more\n")
    if step.prepare == "lsp":  # the running language server's saves (lspsave.py), many per run
        walls, cpus, fig.output = lspsave.saves(root, str(step.stdin), LSP_SAVES)
        fig.walls += walls
        fig.cpus += cpus
        return
    try:
        timed(cmd, cwd, fig, workdir, stdin, step.env)
    finally:
        if cwd != root:
            shutil.rmtree(os.path.dirname(cwd), ignore_errors=True)
        if touched is not None:
            with open(touched, "wb") as f:
                f.write(original)
    if step.prepare == "cold" or touched is not None:
        guard = os.path.join(os.path.dirname(sys.executable), "importguard")
        # the restored file older than the racy window first, or what it reaches is not kept by the run below,
        # and the next figure (warm, moved) checks it again; after a cold step, the cache directory made anew
        # moved the project root's timestamp: older than the racy window, the run below keeps the root's new
        # signature, else the next figure's run keeps it (an editor's save then rewrites the census, 1.8 MB)
        time.sleep(2.1)
        subprocess.run([guard, "tests"], cwd=root, capture_output=True)  # warm again, for the next figure
        time.sleep(2.1)  # the cache directory and what it wrote are older than the racy window


def fresh_name(root: str, stdin: str, workdir: str, imported: str) -> str:
    """A copy of the file `stdin` (relative to `root`) with one more line: `imported` (`from M import
    N`) for N with a suffix that no run used before (`NV<ns>`): a name the project defines nowhere,
    whose whole-project questions (its homes, a rename's candidates...) no index has kept yet."""
    with open(os.path.join(root, stdin), encoding="utf-8") as f:
        text = f.read()
    path = os.path.join(workdir, "out", "fresh.py")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{text.rstrip()}\n{imported}V{time.time_ns()}\n")
    return path


def timed(cmd: list[str], root: str, fig: Figure, workdir: str, stdin: str | None, env: dict | None) -> None:
    out_path = os.path.join(workdir, "out", "last")  # outside the project: its directories stay as they are
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "wb") as out, open(os.path.join(root, stdin) if stdin else os.devnull, "rb") as given:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, stdin=given, stdout=out, stderr=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})})
        _, _, usage = os.wait4(proc.pid, 0)
        fig.walls.append(time.perf_counter() - start)
    fig.cpus.append(usage.ru_utime + usage.ru_stime)
    fig.rss_kib = max(fig.rss_kib, usage.ru_maxrss)
    with open(out_path, encoding="utf-8", errors="replace") as f:
        fig.output = f.read()


def affected_by(cache: str, root: str, prepare: Any) -> list[str]:
    """The test files whose kept findings read the file a step changes: the index's graph as the
    installed importguard reads it (its pack and its shard files; each entry's files keyed relative
    to the project root)."""
    if not (isinstance(prepare, tuple) and prepare[0] == "floor"):
        return []
    from flake8_importguard.index.snapshot import Section, Snapshot

    changed = os.path.relpath(os.path.realpath(prepare[1]), os.path.realpath(root))
    found = set()
    for key, entry in Snapshot(cache, root).entries(Section.TESTS).items():
        files = entry.get("files", "[]") if isinstance(entry, dict) else "[]"  # graph.packed: a JSON string
        if any(os.path.normpath(path) == changed for path, *_ in json.loads(files)):
            found.add(os.path.join(root, key.partition("\0")[0]))
    return sorted(found)


def ratio_rows(figs: dict[str, Figure]) -> list[tuple[str, float, float, str, bool]]:
    """(label, wall ratio, cpu ratio, target, met) for each target the figures allow."""
    def pair(a: str, b: str | tuple[str, ...]) -> tuple[float, float] | None:
        """a / b (b: a figure, or figures added up); a "x-y": what x costs beyond y."""
        parts, (over, _, beyond) = (b,) if isinstance(b, str) else b, a.partition("-")
        if any(p not in figs for p in (over, *([beyond] if beyond else []), *parts)):
            return None
        walls, cpus = sum(figs[p].wall for p in parts), sum(figs[p].cpu for p in parts)
        if beyond:
            return (figs[over].wall - figs[beyond].wall) / walls, (figs[over].cpu - figs[beyond].cpu) / cpus
        return figs[a].wall / walls, figs[a].cpu / cpus

    checks = [
        ("cold / ty", "cold", "ty", "<=", 3.0), ("cold / a", "cold", "a", "<=", 2.5),
        ("warm / ty", "warm", "ty", "<=", 0.5), ("warm / a'", "warm", "a'", "<=", 0.5),
        ("app / a' (one app module changed vs parsing the test files, the issue's floor)", "app", "a'", "<=", 1.0),
        ("app / app' (the same vs parsing only the files it reaches, and it)", "app", "app'", "", 0.0),
        ("(app - warm) / app' (what the edit adds to a warm run vs parsing what it reaches)", "app-warm", "app'",
         "", 0.0),
        ("moved / warm (the project and its cache copied elsewhere)", "moved", "warm", "<=", 2.0),
        ("moved1 / warm (copied elsewhere, then one app module changed)", "moved1", "warm", "", 0.0),
        ("moved1 / app (the same edit, in place)", "moved1", "app", "", 0.0),
        ("test / test' (one test file changed vs its floor)", "test", "test'", "", 0.0),
        ("e / e0 (editor save vs plain flake8)", "e", "e0", "<=", 1.0),
        ("en / e0 (a save that imports a name no run asked about)", "en", "e0", "", 0.0),
        ("ec / ec0 (editor save, clean file)", "ec", "ec0", "<=", 1.0),
        ("l / e0 (a save answered by the running language server)", "l", "e0", "<=", 1.0),
        ("lc / ec0 (the same, clean file)", "lc", "ec0", "<=", 1.0),
        ("cold1 / cold (1 core vs all, cold)", "cold1", "cold", ">=", 1.6),
        ("pylint / warm", "pylint", "warm", ">=", 30.0), ("pylint / cold", "pylint", "cold", ">=", 10.0),
    ]
    rows = []
    for label, a, b, op, target in checks:
        value = pair(a, b)
        if value is not None:
            met = value[0] <= target if op == "<=" else value[0] >= target if op else True
            rows.append((label, value[0], value[1], f"{op} {target}" if op else "(none)", met))
    return rows


def findings_of(output: str, only: str = "") -> set[tuple[str, int, str, str]]:
    """(file, line, code, message) of every importguard finding in an output (of one file)."""
    found = set()
    for line in output.splitlines():
        match = FINDING.match(line)
        if match and (not only or os.path.normpath(match.group(1)) == os.path.normpath(only)):
            found.add((os.path.normpath(match.group(1)), int(match.group(2)), match.group(3), match.group(4)))
    return found


def broken_imports(output: str, first_party: set, root: str) -> set[tuple[str, int]]:
    """(file, line) of every broken first-party import a tool reported; pylint's and ty's only
    when they name a first-party module and the line carries no `# noqa` (which importguard,
    like flake8, honours)."""
    found = set()
    for line in output.splitlines():
        match = BROKEN.match(line)
        if not match:
            continue
        path, lineno, ours, rest = match.group(1), int(match.group(2)), match.group(3), match.group(6)
        if not ours:
            modules = [next(m for m in names if m) for names in MODULE_NAMED.findall(rest)]
            if not modules or modules[0].split(".")[0] not in first_party or _noqa(root, path, lineno):
                continue
        found.add((os.path.normpath(os.path.relpath(os.path.join(root, path), root)), lineno))
    return found


def _noqa(root: str, path: str, line: int) -> bool:
    try:
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            return "# noqa" in f.read().splitlines()[line - 1].lower()
    except (OSError, IndexError):
        return False


def write_list(workdir: str, name: str, files: list[str]) -> str:
    path = os.path.join(workdir, f"{name}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(files))
    return path


def python_files(top: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        found += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py")]
    return found


def plain_flake8(workdir: str) -> str:
    """A virtualenv with flake8 and its default plugins, without flake8-importguard."""
    venv = os.path.join(workdir, "venv-plain-flake8")
    exe = os.path.join(venv, "bin", "flake8")
    if not os.path.exists(exe):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        pins = [f"{d}=={importlib.metadata.version(d)}" for d in ("flake8", "pyflakes", "pycodestyle", "mccabe")]
        subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "-q", *pins], check=True)
    return exe
