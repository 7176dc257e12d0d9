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

MIN_FILES_PER_JOB = 40  # below this a worker costs more than it saves
CHUNKS_PER_JOB = 4

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


def map_files(func: Callable[..., Any], files: Sequence[str], settings: Settings, jobs: int,
              args: tuple = ()) -> Iterator[Any]:
    """`func(path, *args)` for every file, in order, on `jobs` processes. `func` must be a
    module-level function; the index cache is written once at the end."""
    if jobs <= 1 or len(files) < 2:
        for path in files:
            yield func(path, *args)
        cache.flush_all()
        return
    project_for(files[0], settings).index.cache.load()
    size = max(1, -(-len(files) // (jobs * CHUNKS_PER_JOB)))
    chunks = [list(files[i:i + size]) for i in range(0, len(files), size)]
    method = "fork" if sys.platform == "linux" else None
    context = multiprocessing.get_context(method)
    with context.Pool(jobs, _init, (func, args)) as pool:
        for results, new in pool.imap(_run_chunk, chunks):
            cache.import_new(new)
            yield from results
    cache.flush_all()
