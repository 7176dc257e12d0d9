"""`importguard -j`: the same findings, in the same order, from several processes."""
from __future__ import annotations

import gc
import glob
import os
import shutil
import signal
import time

import pytest

from flake8_importguard.base.config import Settings
from flake8_importguard.index.cache import signature
from flake8_importguard.index.finder import ModuleLoc
from flake8_importguard.index.snapshot import Section, Snapshot
from flake8_importguard.run.parallel import (MIN_FILES_PER_JOB, PREBUILD_MIN, _dealt, job_count, map_items, parse_jobs,
                                             prebuild)
from flake8_importguard.run.session import GC_THRESHOLD, Session, fewer_collections


def project_files(n_tests: int) -> dict[str, str]:
    """Ten modules of a class each; `n_tests` test files, every seventh importing a missing name."""
    files = {"pyproject.toml": "", "app/__init__.py": ""}
    for i in range(10):
        files[f"app/mod{i}.py"] = f"class Thing{i}:\n    pass\n"
    for i in range(n_tests):
        wanted = f"Thing{i % 10}" if i % 7 else f"Missing{i}"
        files[f"tests/test_{i:03}.py"] = f"from app.mod{i % 10} import {wanted}\n"
    return files


def index_section(root: str, section: str) -> dict:
    """One section of the index cache, from every shard that holds it (in a file of its own or in the pack)."""
    return Snapshot(os.path.join(root, ".importguard_cache"), root).entries(Section(section))


def files_in(root: str, section: str) -> set[str]:
    """The files (relative to the root, as the index keys them) that a section of the index holds entries for."""
    return {key.partition(chr(0))[0] for key in index_section(root, section)}


def python_files(root: str) -> set[str]:
    """Every Python file of the project, relative to its root."""
    return {os.path.relpath(os.path.join(dirpath, name), root) for dirpath, _, names in os.walk(root)
            for name in names if name.endswith(".py")}


def cold_run_files() -> tuple[int, dict[str, str], dict[str, str]]:
    """(test files, modules they import, test files) of test_a_cold_parallel_run_reads_what_the_files_import_once."""
    n_tests = MIN_FILES_PER_JOB * 2
    imported = {f"app/used{i}.py": f"VALUE_{i} = {i}\n" for i in range(PREBUILD_MIN)}
    tests = {f"tests/test_{i:03}.py": "".join(f"from app.used{j} import VALUE_{j}\n"
                                              for j in range(i, PREBUILD_MIN, n_tests))
             + f"from app.mod{i % 10} import Nope{i}\n" for i in range(n_tests)}
    return n_tests, imported, tests


def prebuild_files() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(named, deep, tests) of test_a_cold_parallel_run_reads_up_front_what_the_imported_modules_run."""
    n_tests = MIN_FILES_PER_JOB * 2
    named = {f"app/used{i}.py": f"from app.deep.level{i % 3} import VALUE\nfrom app.pkg import mod{i % 2}\n"
             for i in range(PREBUILD_MIN)}
    deep = {"app/deep/__init__.py": "", "app/pkg/__init__.py": "",
            **{f"app/deep/level{i}.py": f"from app.deeper.d{i} import *\n" for i in range(3)},
            "app/deeper/__init__.py": "", **{f"app/deeper/d{i}.py": "VALUE = 1\n" for i in range(3)},
            "app/pkg/mod0.py": "", "app/pkg/mod1.py": "", "app/never.py": "", "tests/unit/__init__.py": ""}
    tests = {f"tests/unit/test_{i:03}.py": "".join(f"from app.used{j} import VALUE\n"
                                                   for j in range(i, PREBUILD_MIN, n_tests)) for i in range(n_tests)}
    return named, deep, tests


def fix_files() -> dict[str, str]:
    """The project of test_fix_on_every_core_writes_what_one_process_writes: every fifth test file
    imports its class from the wrong module (a certain move)."""
    files = project_files(0)
    for i in range(3 * MIN_FILES_PER_JOB):
        moved = i % 5 == 0  # Thing{i % 10} imported from the wrong module: a certain move
        files[f"tests/test_{i:03}.py"] = (f"from app.mod{(i + 1) % 10 if moved else i % 10} import Thing{i % 10}\n"
                                          f"\n\ndef test_{i}():\n    assert Thing{i % 10}\n")
    return files


# The projects the tests read, old enough to be cached (conftest.aged): written at once, with every
# other module's, before the first test that asks for one.
AGED = {
    "jobs": (project_files(3 * MIN_FILES_PER_JOB), 1),
    "cold": ({**project_files(0), **cold_run_files()[1],
              **{f"app/unused{i}.py": f"OTHER_{i} = {i}\n" for i in range(20)}, **cold_run_files()[2]}, 1),
    "prebuild": ({**project_files(0), **prebuild_files()[0], **prebuild_files()[1], **prebuild_files()[2]}, 1),
    "digests": (project_files(PREBUILD_MIN), 1),
    "fix": (fix_files(), 2),
    "modules": (project_files(0), 2),
}


@pytest.mark.process
def test_jobs_give_the_same_findings_in_the_same_order(aged, run_importguard):
    n_tests = 3 * MIN_FILES_PER_JOB
    root = aged("jobs")  # project_files(n_tests), old enough to be cached
    serial = run_importguard(root, "-j1", "--no-cache", "tests")
    parallel = run_importguard(root, "-j3", "tests", process=True)
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    # workers forked from this process, where coverage measures them
    assert run_importguard(root, "-j3", "--no-cache", "tests").stdout == serial.stdout
    assert parallel.stdout.count("IMG102") == len(range(0, n_tests, 7))
    # the workers' index entries reached the parent, which wrote them once
    assert files_in(root, "summaries") >= {f"app/mod{i}.py" for i in range(10)}
    assert files_in(root, "tests") == {f"tests/test_{i:03}.py" for i in range(n_tests)}


def test_job_count():
    assert job_count(4, 10 * MIN_FILES_PER_JOB) == 4
    assert job_count(4, MIN_FILES_PER_JOB - 1) == 1  # a handful of files: no pool
    assert job_count(0, 1000 * MIN_FILES_PER_JOB) >= 1
    assert parse_jobs("auto") == 0 and parse_jobs("3") == 3


def test_bad_jobs_is_a_usage_error(tmp_path, write_tree, run_importguard):
    root = write_tree(str(tmp_path), project_files(1))
    proc = run_importguard(root, "-j", "0", "tests")
    assert proc.returncode == 2 and "--jobs" in proc.stderr


@pytest.mark.process
def test_a_cold_parallel_run_reads_what_the_files_import_once(aged, run_importguard, run_flake8):
    """On a cold cache, `importguard -j2` and `flake8 -j2` summarize up front, on every core, the
    modules the test files import, and read the text of every file for the whole-project
    questions; a module nobody imports is never parsed. An editor's save on stdin reads only
    what its file needs."""
    n_tests, imported, _ = cold_run_files()
    root = aged("cold")  # project_files(0), the imported modules, 20 unused ones and the test files
    with open(os.path.join(root, "tests", "test_000.py"), "rb") as f:
        stdin = f.read()
    runs = [
        (run_importguard, ["-j2", "tests"], n_tests),
        (run_flake8, ["--select=IMG", "-j2", "tests"], n_tests),
        (run_flake8, ["--select=IMG", "--stdin-display-name", "tests/test_000.py", "-"], 1),  # an editor
    ]
    for launch, args, wanted in runs:
        shutil.rmtree(os.path.join(root, ".importguard_cache"), ignore_errors=True)
        proc = launch(root, *args, stdin=stdin, process=True)  # flake8 writes its cache at exit
        assert proc.stdout.count("IMG102") == wanted, proc.stderr
        summarized = files_in(root, "summaries")
        assert not any(path.startswith("app/unused") for path in summarized)
        if wanted > 1:
            assert summarized >= set(imported) | {f"app/mod{i}.py" for i in range(10)}
            assert files_in(root, "scan") == python_files(root)
        else:
            assert summarized & set(imported) == {"app/used0.py", "app/used80.py", "app/used160.py"}


@pytest.mark.process
def test_a_cold_parallel_run_reads_up_front_what_the_imported_modules_run(aged):
    """The cold prebuild follows what importing the named modules runs, wave after wave: their
    packages, the modules their imports name (and those a `from` import names), what they
    star-import; and the packages of the test files. The checking processes, forked after, then
    parse none of them again; what nothing runs is never parsed."""
    named, deep, tests = prebuild_files()
    root = aged("prebuild")  # project_files(0), named, deep and tests
    session, settings = Session(), Settings(root=root)
    prebuild(session, sorted(os.path.join(root, t) for t in tests), settings, 2)
    summarized = files_in(root, "summaries")
    assert summarized >= set(named) | set(deep) - {"app/never.py"} | {"tests/unit/__init__.py", "app/__init__.py"}
    assert "app/never.py" not in summarized and not summarized & set(tests)


@pytest.mark.process
def test_a_cold_parallel_run_takes_the_digests_the_workers_read(tmp_path, aged):
    """The workers of a cold prebuild read every file for its words: they hand back the digest
    of the bytes they read with its signature, and the census takes the generation from those
    (the parent reads none of them again), the same as its own reading gives. A file too fresh
    to tell is not handed back: the parent reads it, and keeps it without its signature."""
    root = aged("digests")  # project_files(PREBUILD_MIN)
    fresh = os.path.join(root, "app", "mod3.py")
    os.utime(fresh, ns=(time.time_ns() + 3600 * 10**9,) * 2)  # changed "now" while the run lasts
    tests = sorted(glob.glob(os.path.join(root, "tests", "*.py")))
    session, settings = Session(), Settings(root=root)
    prebuild(session, tests, settings, 2)
    census = session.project_for(tests[0], settings).census
    assert census.hashed == 1  # the fresh one
    alone = Session().project_for(tests[0], Settings(root=root, cache_dir=str(tmp_path / "alone"))).census
    assert alone.generation() == census.generation() and alone.hashed == len(python_files(root))
    assert census.files() == alone.files()
    assert [census.digest(path) for path in census.files()] == [alone.digest(path) for path in alone.files()]
    kept = index_section(root, "files")
    assert kept == {os.path.relpath(path, root): [None if path == fresh else signature(path), alone.digest(path)]
                    for path in alone.files()}


@pytest.mark.process
def test_fix_on_every_core_writes_what_one_process_writes(aged, run_importguard, snapshot):
    """`importguard --fix -j2` and `--diff -j2`: the same rewrites, output and exit status as -j1."""
    n_tests = 3 * MIN_FILES_PER_JOB
    roots = [aged("fix") for name in ("serial", "parallel")]  # two copies of fix_files()
    runs = list(zip(roots, (1, 2)))  # -j2 forks its workers: a real process
    diffs = [run_importguard(root, f"-j{jobs}", "--diff", "tests", process=jobs > 1) for root, jobs in runs]
    assert diffs[0].stdout == diffs[1].stdout and diffs[0].stdout.count("+++ ") == len(range(0, n_tests, 5))
    assert diffs[0].returncode == diffs[1].returncode == 1
    fixes = [run_importguard(root, f"-j{jobs}", "--fix", "tests", process=jobs > 1) for root, jobs in runs]
    assert fixes[0].stdout == fixes[1].stdout and fixes[0].stderr == fixes[1].stderr
    assert fixes[0].stderr.count("Rewriting") == len(range(0, n_tests, 5))
    assert snapshot(roots[0]) == snapshot(roots[1])
    assert run_importguard(roots[1], "-j2", "tests", process=True).returncode == 0  # nothing left to report


def test_a_run_collects_garbage_less_often_and_gives_the_setting_back(tmp_path, write_tree, run_importguard):
    """The cyclic collector runs less often while files are checked (GC_THRESHOLD: a bulk run
    mostly frees acyclic syntax trees), and the caller's setting is back after a run, and after
    one that stops with an error."""
    root = write_tree(tmp_path, project_files(3))
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        assert run_importguard(root, "-j1", "--no-cache", "tests").returncode == 1
        assert gc.get_threshold() == (700, 10, 10)
        with pytest.raises(ZeroDivisionError), fewer_collections():
            assert gc.get_threshold() == (GC_THRESHOLD, 10, 10)
            1 / 0
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(GC_THRESHOLD * 2, 5, 5)
        with fewer_collections():
            assert gc.get_threshold() == (GC_THRESHOLD * 2, 5, 5)  # a higher setting is kept
        gc.set_threshold(0, 5, 5)
        with fewer_collections():
            assert gc.get_threshold() == (0, 5, 5)  # switched off, it stays off
    finally:
        gc.set_threshold(*before)


def _pending(item: int, session: Session) -> int:
    """In a worker: how many index entries it would hand back now (it has built none)."""
    return sum(len(entries) for _, _, new in session.export_new() for entries in new.values())


@pytest.mark.process
def test_a_worker_hands_back_only_what_it_built(aged):
    """A worker is forked with what the parent built and has not written yet (the waves of a
    cold prebuild before its one write): it hands back only its own entries, or the parent
    would take every earlier wave back from every worker (at 10x, a third of a cold run); the
    parent writes its own."""
    root = aged("modules")  # project_files(0)
    session, settings = Session(), Settings(root=root)
    project = session.project_for(os.path.join(root, "app", "mod0.py"), settings)
    for i in range(10):
        project.store.summary(ModuleLoc.of_file(f"app.mod{i}", os.path.join(root, "app", f"mod{i}.py")))
    assert list(map_items(_pending, range(8), session, 2)) == [0] * 8
    session.flush()
    assert files_in(root, "summaries") >= {f"app/mod{i}.py" for i in range(10)}


def _summaries(item: int, session: Session, path: str, settings: Settings) -> list[str]:
    """In a worker: the summaries in the index it was forked with."""
    return sorted(session.project_for(path, settings).cache.entries(Section.SUMMARIES))


@pytest.mark.process
def test_workers_forked_after_a_hold_read_what_is_written_while_they_run(aged):
    """A cold run holds what its prebuild built (in the index as this process reads it, not yet
    on disk), forks its checking workers, which start with it, and writes it while they check."""
    root = aged("modules")  # project_files(0)
    session, settings = Session(), Settings(root=root)
    anchor = os.path.join(root, "app", "mod0.py")
    project = session.project_for(anchor, settings)
    for i in range(10):
        project.store.summary(ModuleLoc.of_file(f"app.mod{i}", os.path.join(root, "app", f"mod{i}.py")))
    built = sorted(project.cache.entries(Section.SUMMARIES))
    write = session.hold()
    assert len(built) == 10 and not files_in(root, "summaries")
    assert list(map_items(_summaries, range(4), session, 2, (anchor, settings))) == [built] * 4
    write()
    assert files_in(root, "summaries") == {f"app/mod{i}.py" for i in range(10)}


@pytest.mark.parametrize("count, jobs", [(8, 2), (7, 2), (12, 3), (13, 4), (1, 2), (3, 4)])
def test_chunks_are_dealt_so_each_worker_keeps_to_a_stretch(count, jobs):
    """Workers free at the same pace take chunks k, k + jobs, ... of the order: each then works
    through one contiguous stretch of the files (region k), not every jobs-th chunk."""
    order = _dealt(count, jobs)
    assert sorted(order) == list(range(count))
    regions = [list(range(count * k // jobs, count * (k + 1) // jobs)) for k in range(jobs)]
    for i in range(min(map(len, regions))):  # each round hands out the next chunk of every stretch
        assert order[i * jobs:(i + 1) * jobs] == [region[i] for region in regions]


def _same(item: int, session: Session) -> int:
    return item


def _frozen(item: int, session: Session) -> int:
    """In a worker: how many objects its collector never scans (those it was forked with)."""
    return gc.get_freeze_count()


@pytest.mark.process
def test_workers_never_collect_what_they_were_forked_with():
    """The parent's objects are frozen for the fork (the workers' collections skip them and
    leave the pages they share with the parent unwritten), and only for the fork."""
    kept = [object() for _ in range(1000)]  # noqa: F841 - objects this process holds
    assert gc.get_freeze_count() == 0
    frozen = list(map_items(_frozen, range(80), Session(), 2))
    assert len(frozen) == 80 and min(frozen) > 1000
    assert gc.get_freeze_count() == 0


@pytest.mark.process
def test_results_come_back_in_the_items_order():
    """The chunks go out dealt (0, 4, 1, 5, ...), the results come back in the items' order."""
    assert list(map_items(_same, range(80), Session(), 2)) == list(range(80))


@pytest.mark.process
@pytest.mark.parametrize("jobs", [1, 2])
def test_what_is_started_with_the_workers_is_done_once_here(jobs):
    """`started` (a cold run's write of its prebuilt index) is done once, in this process, with
    the workers at work or before the first item when there are none."""
    calls: list[int] = []
    assert list(map_items(_same, range(80), Session(), jobs, started=lambda: calls.append(os.getpid()))) == list(
        range(80))
    assert calls == [os.getpid()]


def _marks_sigterm(item: int, session: Session, directory: str) -> int:
    """In a worker: a SIGTERM leaves a file named by the worker's pid (as coverage's `sigterm`
    setting makes a worker handle it), then ends the worker."""
    def marked(signum: int, frame: object) -> None:
        open(os.path.join(directory, str(os.getpid())), "w").close()
        os._exit(1)
    signal.signal(signal.SIGTERM, marked)
    return item * 2


def test_once_every_result_is_in_the_workers_are_let_go_not_killed(tmp_path):
    """The pool is closed and joined, not terminated: a worker sent SIGTERM while it holds the task
    queue's lock (a worker that handles the signal, as under coverage) leaves the other waiting for
    that lock, and the run waiting for both, forever."""
    for _ in range(5):  # a terminated pool sends its workers SIGTERM in most runs, not in every one
        doubled = list(map_items(_marks_sigterm, list(range(60)), Session(), 2, (str(tmp_path),)))
        assert doubled == list(range(0, 120, 2))
        assert os.listdir(tmp_path) == []
