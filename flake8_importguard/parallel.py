"""The fast path's parallelism: check many files on every core with the same core.

Files are cut into contiguous chunks (neighbouring test files import neighbouring modules, so
each worker's lazily built index stays small); each worker runs the given per-file function,
and hands back the results in order with the index cache entries it built; the parent writes
the cache once. The parent reads the cache snapshot before forking, so workers share it.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from typing import Any, Callable, Iterator, Sequence

from flake8_importguard import cache
from flake8_importguard.checker import project_for
from flake8_importguard.config import Settings
from flake8_importguard.project import MODULE, PACKAGE, ModuleLoc, package_of
from flake8_importguard.suggest import may_be_home

MIN_FILES_PER_JOB = 40  # below this a worker costs more than it saves
CHUNKS_PER_JOB = 4
PREBUILD_MIN = 200  # uncached modules that make a cold run build the whole index on every core

_work: list[Any] = []  # (function, extra arguments) in a worker


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def parse_jobs(text: str) -> int:
    """`--jobs` as argparse reads it: a positive number, or "auto" (0) for every core."""
    if text.strip().lower() == "auto":
        return 0
    value = int(text)  # argparse turns a ValueError into a usage error
    if value < 1:
        raise ValueError(text)
    return value


def job_count(requested: int, n_files: int) -> int:
    """Processes for `n_files`: `requested`, or every available core for 0, never more
    workers than there is work for."""
    jobs = requested or available_cpus()
    return max(1, min(jobs, n_files // MIN_FILES_PER_JOB))


def _init(func: Callable[..., Any], args: tuple) -> None:
    _work[:] = [func, args]


def _run_chunk(chunk: list[str]) -> tuple[list[Any], list]:
    func, args = _work
    results = [func(path, *args) for path in chunk]
    return results, cache.export_new()


def _pool(jobs: int, initargs: tuple) -> Any:
    """A process pool, or None where none can be made (no /dev/shm, no semaphores: as flake8
    does, fall back to one process)."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    try:
        return context.Pool(jobs, _init, initargs)
    except (OSError, ImportError):
        return None


def _chunks(items: Sequence[Any], jobs: int) -> list[list[Any]]:
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_JOB)))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _loc(module: str, path: str) -> ModuleLoc:
    return ModuleLoc(module, PACKAGE if os.path.basename(path) == "__init__.py" else MODULE, path)


def _summarize_chunk(chunk: list[tuple[str, str]]) -> list:
    anchor, settings = _work[1]
    index = project_for(anchor, settings).index
    for module, path in chunk:
        index.summary(_loc(module, path))
    return cache.export_new()


def prebuild(anchor: str, settings: Settings, jobs: int, first_run_only: bool = False) -> None:
    """On a cold cache, summarize every module of `anchor`'s project on `jobs` processes and
    write the cache, before the files are checked: otherwise each checking process would read
    much of the project, and all of it for its first "where does X live now" hint."""
    index = project_for(anchor, settings).index
    if jobs <= 1 or settings.no_cache or first_run_only and os.path.exists(index.cache.path):
        return
    index.cache.load()
    missing = [(module, path) for module, path in index.all_modules()
               if may_be_home(path) and not index.cache.has_summary(path, package_of(_loc(module, path)))]
    if len(missing) < PREBUILD_MIN:
        return
    pool = _pool(jobs, (None, (anchor, settings)))
    if pool is None:
        return
    with pool:
        for new in pool.imap_unordered(_summarize_chunk, _chunks(missing, jobs)):
            cache.import_new(new)
    cache.flush_all()


def prebuild_for_flake8(options: Any, settings: Settings) -> None:
    """flake8 parses options in its main process before it forks its workers: a cold cache is
    filled there on every core, so that the workers start warm instead of each reading the
    project. A file on stdin (an editor's save) gets the same on a cold cache: its hint may need
    the whole index. Not for a handful of named files."""
    names = list(getattr(options, "filenames", None) or ())
    jobs = getattr(options, "jobs", None)
    n_jobs = available_cpus() if jobs is None or getattr(jobs, "is_auto", False) else getattr(jobs, "n_jobs", 1)
    if names == ["-"]:
        anchor = getattr(options, "stdin_display_name", "stdin")
        if anchor not in ("stdin", "-"):  # one save must not pay for a look at every module
            prebuild(anchor, settings, available_cpus(), first_run_only=True)
        return
    if not names or "-" in names:
        return
    if len(names) >= MIN_FILES_PER_JOB or any(os.path.isdir(f) for f in names):
        prebuild(names[0], settings, n_jobs)


def map_files(func: Callable[..., Any], files: Sequence[str], settings: Settings, jobs: int,
              args: tuple = ()) -> Iterator[Any]:
    """`func(path, *args)` for every file, in order, on `jobs` processes. `func` must be a
    module-level function; the index cache is written once at the end."""
    if jobs > 1 and len(files) > 1:
        prebuild(files[0], settings, jobs)
        project_for(files[0], settings).index.cache.load()
    pool = _pool(jobs, (func, args)) if jobs > 1 and len(files) > 1 else None
    if pool is None:
        for path in files:
            yield func(path, *args)
        cache.flush_all()
        return
    with pool:
        for results, new in pool.imap(_run_chunk, _chunks(files, jobs)):
            cache.import_new(new)
            yield from results
    cache.flush_all()
