"""Running on every core with the same core.

Files are cut into contiguous chunks (neighbouring test files import neighbouring modules, so
each worker's lazily built index stays small); each worker runs the given per-file function and
hands back the results in order with the index cache entries it built; the parent writes the
cache once. Workers are forked: they start with the parent's session (and the cache snapshot
it read before forking).
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from typing import Any, Callable, Iterator, Sequence, TypeVar

from flake8_importguard.config import Settings
from flake8_importguard.finder import ModuleLoc
from flake8_importguard.session import CacheEntries, Session
from flake8_importguard.suggest import may_be_home

MIN_FILES_PER_JOB = 40  # below this a worker costs more than it saves
CHUNKS_PER_JOB = 4
PREBUILD_MIN = 200  # uncached modules that make a cold run build the whole index on every core

T = TypeVar("T")
_WORKER: list[Any] = []  # in a worker process only: (session, function, extra arguments)


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


def _init(session: Session, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _WORKER[:] = [session, func, args]


def _run_chunk(chunk: list[Any]) -> tuple[list[Any], CacheEntries]:
    session, func, args = _WORKER
    results = [func(item, session, *args) for item in chunk]
    return results, session.export_new()


def _pool(jobs: int, initargs: tuple[Any, ...]) -> Any:
    """A process pool, or None where none can be made (no /dev/shm, no semaphores: as flake8
    does, fall back to one process)."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    try:
        return context.Pool(jobs, _init, initargs)
    except (OSError, ImportError):
        return None


def _chunks(items: Sequence[T], jobs: int) -> list[list[T]]:
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_JOB)))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _summarize(item: tuple[str, str], session: Session, anchor: str, settings: Settings) -> None:
    module, path = item
    session.project_for(anchor, settings).store.summary(ModuleLoc.of_file(module, path))


def prebuild(session: Session, anchor: str, settings: Settings, jobs: int, first_run_only: bool = False) -> None:
    """On a cold cache, summarize every module of `anchor`'s project on `jobs` processes and
    write the cache, before the files are checked: otherwise each checking process would read
    much of the project, and all of it for its first "where does X live now" hint."""
    project = session.project_for(anchor, settings)
    if jobs <= 1 or settings.no_cache or first_run_only and os.path.exists(project.cache.path):
        return
    project.cache.load()
    missing = [(module, path) for module, path in project.store.all_modules()
               if may_be_home(path) and not project.store.has_summary(ModuleLoc.of_file(module, path))]
    if len(missing) < PREBUILD_MIN:
        return
    for _ in map_items(_summarize, missing, session, jobs, (anchor, settings)):
        pass
    session.flush()


def map_items(func: Callable[..., T], items: Sequence[Any], session: Session, jobs: int,
              args: tuple[Any, ...] = ()) -> Iterator[T]:
    """`func(item, session, *args)` for every item, in order, on `jobs` processes. `func` must
    be a module-level function; the cache entries the workers build come back to `session`."""
    pool = _pool(jobs, (session, func, args)) if jobs > 1 and len(items) > 1 else None
    if pool is None:
        for item in items:
            yield func(item, session, *args)
        return
    with pool:
        for results, new in pool.imap(_run_chunk, _chunks(items, jobs)):
            session.import_new(new)
            yield from results


def map_files(func: Callable[..., T], files: Sequence[str], session: Session, settings: Settings, jobs: int,
              args: tuple[Any, ...] = ()) -> Iterator[T]:
    """`func(path, session, *args)` for every file, in order, on `jobs` processes; a cold index
    is built first on every core. The index cache is written once at the end."""
    if jobs > 1 and len(files) > 1:
        prebuild(session, files[0], settings, jobs)
        session.project_for(files[0], settings).cache.load()
    yield from map_items(func, files, session, jobs, args)
    session.flush()
