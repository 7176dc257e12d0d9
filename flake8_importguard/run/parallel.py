"""Running on every core with the same core.

Files are cut into contiguous chunks (neighbouring test files import neighbouring modules, so
each worker's lazily built index stays small), handed out so that each worker works through a
stretch of its own (`_dealt`); each worker runs the given per-file function and hands back the
results with the index cache entries it built, yielded in the files' order; the parent writes
the cache once. Workers are forked: they start with the parent's session (and the cache snapshot
it read before forking, with what it built and holds to write while they work).
"""
from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import re
import sys
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, TypeVar

from flake8_importguard.base.config import Settings
from flake8_importguard.base.syntax import absolute_module, prefixes
from flake8_importguard.index.finder import LocKind, ModuleLoc
from flake8_importguard.index.layout import Search
from flake8_importguard.index.summary import ModuleSummary
from flake8_importguard.run.session import Session, fewer_collections

if TYPE_CHECKING:
    from flake8_importguard.run.session import CacheEntries
    from flake8_importguard.analysis.project import Project
    from flake8_importguard.index.census import Version

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
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:  # argparse says the message of this error as it is
        raise argparse.ArgumentTypeError(f"expected a positive number or 'auto', got {text!r}")
    return value


def job_count(requested: int, n_files: int) -> int:
    """Processes for `n_files`: `requested`, or every available core for 0, never more
    workers than there is work for."""
    jobs = requested or available_cpus()
    return max(1, min(jobs, n_files // MIN_FILES_PER_JOB))


def _init(session: Session, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    session.export_new()  # what the parent built before the fork and has not written yet is its own to write
    _WORKER[:] = [session, func, args]


def _run_chunk(chunk: list[Any]) -> tuple[list[Any], CacheEntries]:
    session, func, args = _WORKER
    results = [func(item, session, *args) for item in chunk]
    return results, session.export_new()


def _pool(jobs: int, initargs: tuple[Any, ...]) -> Any:
    """A process pool, or None where none can be made (no /dev/shm, no semaphores: as flake8
    does, fall back to one process). The workers are forked with what this process holds
    frozen (gc.freeze): their collections never scan it (half the cyclic collector's time in a
    cold run's checking workers, 1.2 -> 0.55 s at size 1.0) nor write its pages."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    gc.freeze()
    try:
        return context.Pool(jobs, _init, initargs)
    except (OSError, ImportError):
        return None
    finally:
        gc.unfreeze()


def _chunks(items: Sequence[T], jobs: int) -> list[list[T]]:
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_JOB)))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _dealt(count: int, jobs: int) -> list[int]:
    """The order to hand out `count` chunks in, so that each of `jobs` workers taking the next
    one whenever it is free works through a stretch of its own (region k's chunks go out at
    k, k + jobs, ...): neighbouring files read the same modules and ask the same questions,
    which each process otherwise answers again."""
    regions = [range(count * k // jobs, count * (k + 1) // jobs) for k in range(jobs)]
    return [region[i] for i in range(max(map(len, regions))) for region in regions if i < len(region)]


def _summarize(item: tuple[str, str], session: Session, anchor: str, settings: Settings) -> list[str]:
    """Summarize one module; the modules that importing it may run next (the next wave)."""
    module, path = item
    return following(module, session.project_for(anchor, settings).store.summary(ModuleLoc.of_file(module, path)))


def following(module: str, summary: ModuleSummary) -> list[str]:
    """The modules that importing `module` may run besides itself: its packages, the modules its
    imports name (and their packages, and the submodules a `from` import may name) and those it
    star-imports; whether each exists is the finder's to say."""
    names = set(prefixes(module)[:-1])
    for target, imported, _, _ in summary.imports:
        if target:
            names.update(prefixes(target))
            names.update(f"{target}.{name}" for name in imported)
    names.update(star for star in summary.stars if star)
    return sorted(names)


def _scan(path: str, session: Session, anchor: str, settings: Settings) -> Version | None:
    """Read the words of one file; the [signature, digest] of the bytes read (census.scan_ahead)."""
    return session.project_for(anchor, settings).census.scan_ahead(path)


_FROM = re.compile(rb"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import\b[ \t(]*([\w, \t]*)", re.M)
_IMPORT = re.compile(rb"^[ \t]*import[ \t]+([\w., \t]+)", re.M)


Wanted = dict[str, tuple[str, Search]]  # a module's file -> (its name, the sys.path it was found on)


def imported_modules(project: Project, files: Sequence[str]) -> Wanted:
    """The first-party modules that the files' import statements name, as a quick reading of
    their text finds them, and the packages the files are in: what checking them reads first."""
    named: dict[Search, set[str]] = {}
    for path in files:
        try:
            with open(path, "rb") as f:
                text = f.read()
        except OSError:
            continue
        package = project.layout.module_name(path)[1]
        names = named.setdefault(project.layout.search_path(path), set())
        for dots, module, aliases in _FROM.findall(text):
            base = absolute_module(package, len(dots), module.decode("ascii", "replace") or None)
            if base:
                names |= {base, *(f"{base}.{alias}" for alias in _first_words(aliases))}
        for aliases in _IMPORT.findall(text):
            names |= set(_first_words(aliases))
        if package:
            names.update(prefixes(package))
    return _located(project, named)


def _located(project: Project, named: dict[Search, set[str]]) -> Wanted:
    """The first-party source modules among the names, each found on its sys.path."""
    found: Wanted = {}
    for search, names in named.items():
        leaves: set[str] = set()  # names that hold no module: neither do the names inside them
        for name in sorted(names):  # a name after the names it is inside
            if name.rpartition(".")[0] in leaves or not project.finder.is_first_party(name.split(".")[0], search):
                continue
            loc = project.finder.find_module(name, search)
            if loc is None or not loc.dirs:
                leaves.add(name)  # (most: `from m import Name` names m.Name, in case it is a submodule)
            if loc is not None and loc.file and loc.kind in (LocKind.MODULE, LocKind.PACKAGE):
                found.setdefault(loc.file, (name, search))
    return found


def _first_words(aliases: bytes) -> list[str]:
    """`a as b, c` -> ["a", "c"]."""
    return [alias.split()[0] for alias in aliases.decode("ascii", "replace").split(",") if alias.split()]


def prebuild(session: Session, files: Sequence[str], settings: Settings, jobs: int, *, write: bool = True) -> None:
    """On a cold cache, before many files are checked on `jobs` processes: summarize, on every
    core, the modules their imports name and the packages they are in, then the modules those
    may run in turn (their packages, imports and star imports), wave after wave; and read every
    file of the project for the whole-project questions (scan.py); then write the cache.
    Otherwise each checking process would read the same modules again. A wave too small to be
    worth the workers is read here: the checking processes, forked after, share it. Not when
    the project has an index already (a warm run, every flake8 run after the first): what changed
    since is read by the process that needs it, and looking for it here would read every test file.
    With `write` False the cache is left for the caller to write (map_files: while the files are
    checked)."""
    if jobs <= 1 or settings.no_cache or len(files) < MIN_FILES_PER_JOB:
        return
    project = session.project_for(files[0], settings)
    if project.cache.exists():
        return
    project.cache.load()
    anchor = files[0]
    census = project.census
    with session.recorder.outside():
        wanted = imported_modules(project, [path for path in files if project.layout.is_test_file(path)])
        done: set[str] = set()
        while wanted:
            done.update(wanted)
            items = [(module, path) for path, (module, _) in wanted.items()]
            if len(items) >= PREBUILD_MIN:  # meanwhile, the project is walked for the census's lists here
                after = list(map_items(_summarize, items, session, jobs, (anchor, settings), started=census.modules))
            else:
                after = [_summarize(item, session, anchor, settings) for item in items]
            named: dict[Search, set[str]] = {}
            for (_, search), names in zip(wanted.values(), after):
                named.setdefault(search, set()).update(names)
            wanted = {path: item for path, item in _located(project, named).items() if path not in done}
        every = census.files()
        if len(every) >= PREBUILD_MIN:  # the workers read every file: the census takes their digests (not
            # reading every file again for the generation), then the signatures
            read = list(map_items(_scan, every, session, jobs, (anchor, settings)))
            census.take_versions({path: version for path, version in zip(every, read) if version is not None})
        census.mentions("")  # the words of every file, read once here for every worker
    if write:
        session.flush()


def map_items(func: Callable[..., T], items: Sequence[Any], session: Session, jobs: int,
              args: tuple[Any, ...] = (), started: Callable[[], object] | None = None) -> Iterator[T]:
    """`func(item, session, *args)` for every item, in order, on `jobs` processes. `func` must
    be a module-level function; the cache entries the workers build come back to `session`.
    `started()` is done here once the workers are forked, while they work (with no workers:
    before the first item)."""
    pool = _pool(jobs, (session, func, args)) if jobs > 1 and len(items) > 1 else None
    if pool is None:
        if started is not None:
            started()
        for item in items:
            yield func(item, session, *args)
        return
    chunks = _chunks(items, jobs)
    order = _dealt(len(chunks), jobs)
    finished: dict[int, list[T]] = {}
    following = 0  # the chunk to hand back next, in the items' order
    try:
        done = pool.imap(_run_chunk, [chunks[i] for i in order])
        if started is not None:
            started()
        for index, (results, new) in zip(order, done):
            session.import_new(new)
            finished[index] = results
            while following in finished:
                yield from finished.pop(following)
                following += 1
    except BaseException:  # a failure, an interrupt, or a caller that stopped reading: the workers are stopped
        pool.terminate()
        raise
    # Every result is in: the workers are let go as they finish (close, join), not killed (terminate,
    # what `with pool` does): a worker that handles SIGTERM (coverage's `sigterm` setting flushes its
    # data) may be killed while it holds the task queue's lock, and the other, waiting for that lock,
    # is waited for forever (CPython issue 73945).
    pool.close()
    pool.join()


def map_files(func: Callable[..., T], files: Sequence[str], session: Session, settings: Settings, jobs: int,
              args: tuple[Any, ...] = ()) -> Iterator[T]:
    """`func(path, session, *args)` for every file, in order, on `jobs` processes; a cold index
    is built first on every core, and written once the workers are forked (the parent has
    nothing else to do while they check). What the workers build is written once at the end."""
    with fewer_collections():
        write: Callable[[], None] | None = None
        if jobs > 1 and len(files) > 1:
            prebuild(session, files, settings, jobs, write=False)
            write = session.hold()  # in the index as the workers forked next read it, not yet on disk
            session.project_for(files[0], settings).cache.load()
        yield from map_items(func, files, session, jobs, args, started=write)
        session.flush()
