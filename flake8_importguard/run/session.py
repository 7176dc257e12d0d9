"""The session: everything one process has read, owned by the front end that runs the checks.

The flake8 plugin keeps one session for its process (flake8 has no other place for state that
outlives a file), the importguard command one per run, a test one per test. Nothing else in
the package holds state between calls, so nothing has to be reset by hand.

A process that lives across runs (an editor's in-process flake8, a program that calls flake8's
API again and again) sees the project as it is on disk: each new run, and each file checked a
second time, starts a new round (`refresh`). A round reads everything anew, the index caches
too (from disk, where the round before wrote what it built): it sees the project and its cache
as a new process would, so a cache directory removed meanwhile is written again. Two things outlive
a round, each checked against the disk: the index's shards as decoded (snapshot.Decoded: one is
decoded again when its file changed), and what an editor reported changed on disk (`watch`,
index/watch.py: the language server's, whose editor watches the files for it).
"""
from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
from typing import TYPE_CHECKING, Callable, Iterator

from flake8_importguard.base.config import Settings
from flake8_importguard.base.record import Recorder
from flake8_importguard.index.layout import find_root, is_test_path
from flake8_importguard.index.watch import Watch

if TYPE_CHECKING:  # imported on the first project read: deciding that a file is no test reads none, and
    # the index cache and the baseline are imported by the first check that reads them
    from flake8_importguard.analysis.project import Project
    from flake8_importguard.index.cache import IndexCache, NoCache
    from flake8_importguard.index.snapshot import Decoded, New
    from flake8_importguard.run.baseline import Baseline
    from flake8_importguard.run.graph import Graph

    CacheEntries = list[tuple[str, str, New]]  # (cache dir, root, new entries)


# A run over many files makes millions of syntax-tree nodes and frees them by reference counting;
# the cyclic collector, run every 700 allocations by default, mostly walks the young trees in vain.
# Measured on the generated backend (size 1.0, cold, -j1): 20 % less CPU at 10,000, same peak memory;
# cold on every core (workers forked with the parent's objects frozen, parallel._pool): the collector's
# CPU in all processes 1.49 / 1.38 s at 10,000 -> 0.82 / 0.78 s at 50,000, the same peak memory.
# An editor's save decodes the index entries it reads: the same (size 1.0, a broken test file:
# 170 collections, 27 ms, at 700).
GC_THRESHOLD = 50_000


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector runs less often while files are checked (workers forked
    here inherit it); the process's own setting is back afterwards. One switched off (a threshold
    of 0, in a program that runs flake8 in its process) stays off."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], GC_THRESHOLD) if before[0] else 0, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Listing:
    """Directory listings, each read once per session (listing costs more than any lookup);
    each use is reported to the recorder (the check of a file depends on what it listed)."""

    def __init__(self, recorder: Recorder) -> None:
        self._entries: dict[str, frozenset[str]] = {}
        self.recorder = recorder

    def __call__(self, directory: str) -> frozenset[str]:
        self.recorder.directory(directory)
        entries = self._entries.get(directory)
        if entries is None:
            try:
                entries = frozenset(os.listdir(directory))
            except OSError:
                entries = frozenset()
            self._entries[directory] = entries
        return entries

    def clear(self) -> None:
        self._entries.clear()


class Session:
    def __init__(self, keeping: bool = True) -> None:
        """`keeping`: whether what a check reads is kept (the project graph's edges); not in a
        process that keeps no check's findings (the flake8 plugin's), which records nothing."""
        self.recorder = Recorder(keeping)  # what the file being checked reads (base/record.py)
        self.listing = Listing(self.recorder)
        self._projects: dict[tuple[str, Settings], Project] = {}
        self._graphs: dict[int, Graph] = {}  # id(project) -> its project graph, for the projects above
        self._roots: dict[str, str] = {}  # directory -> the root of its project
        self._adopted: list[IndexCache] = []  # caches opened only to take a worker's entries
        self._flush_pids: set[int] = set()
        self._kept: dict[tuple[str, str, bool], NoCache] = {}  # the round's index caches, one per root and place
        self._checked: set[str] = set()  # files checked in this round
        self._baselines: dict[str, Baseline] = {}  # baseline files read in this round
        self.watch = Watch()  # what an editor reported changed on disk, across rounds (index/watch.py)
        self._decoded: Decoded | None = None  # the index's shards decoded, across rounds (snapshot.Decoded)

    def __reduce__(self) -> tuple[type, tuple[bool]]:
        """A process that is sent a session (a spawned worker) starts its own, empty one."""
        return Session, (self.recorder.keeping,)

    def root_for(self, path: str, settings: Settings) -> str:
        """The root of the project that `path` belongs to (found once per directory)."""
        if settings.root:
            return os.path.realpath(settings.root)
        start = os.path.abspath(path) if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        if start not in self._roots:
            self._roots[start] = os.path.realpath(find_root(path, self.listing))
        return self._roots[start]

    def is_test_file(self, path: str, settings: Settings) -> bool:
        """Is `path` a test file of its project? Decided from its path and its project's root,
        without reading the project."""
        return is_test_path(self.root_for(path, settings), settings, os.path.abspath(path))

    def project_for(self, path: str, settings: Settings) -> Project:
        """The project that `path` belongs to, read once per session and shared by its files."""
        root = self.root_for(path, settings)
        key = (root, settings)
        if key not in self._projects:
            from flake8_importguard.analysis.project import Project
            from flake8_importguard.index.cache import open_cache
            from flake8_importguard.index.snapshot import Decoded

            kept = (root, settings.cache_dir, settings.no_cache)
            if kept not in self._kept:
                self._decoded = self._decoded or Decoded()
                self._kept[kept] = open_cache(settings.cache_dir, root, not settings.no_cache, self._decoded)
            self._projects[key] = Project(root, settings, self.listing, self._kept[kept], self.recorder, self.watch)
        return self._projects[key]

    def graph(self, project: Project) -> Graph:
        """The project graph of a project this session read: each test file's findings with what
        they read (graph.py), kept in the project's index cache."""
        if not self.recorder.keeping:
            raise RuntimeError("a session that keeps no check's reads has no project graph")
        graph = self._graphs.get(id(project))
        if graph is None or graph.project is not project:
            from flake8_importguard.run.graph import Graph

            graph = self._graphs[id(project)] = Graph(project)
        return graph

    def forget(self) -> None:
        """Drop everything read so far: this process has written files of the project."""
        self.flush()
        self._projects.clear()
        self._graphs.clear()
        self._kept.clear()
        self._roots.clear()
        self.listing.clear()

    def refresh(self) -> None:
        """Start a new round: what the projects' files and index caches say is read anew (a shard of
        the index whose file is the one decoded in an earlier round is not decoded again)."""
        self.flush()
        if self._decoded is not None:
            self._decoded.next_round()
        self._projects.clear()
        self._graphs.clear()
        self._kept.clear()
        self._roots.clear()
        self._checked.clear()
        self._baselines.clear()
        self.listing.clear()

    def begin(self, path: str) -> None:
        """`path` is about to be checked; a file checked a second time starts a new round."""
        if path in self._checked:
            self.refresh()
        self._checked.add(path)

    def baseline(self, path: str) -> Baseline:
        """The baseline file at `path`, read once per round (raises BaselineError)."""
        if path not in self._baselines:
            from flake8_importguard.run.baseline import Baseline

            self._baselines[path] = Baseline.read(path)
        return self._baselines[path]

    # -- the index caches ---------------------------------------------------------------------------
    def _caches(self) -> list[IndexCache]:
        if not self._projects and not self._adopted:
            return []  # nothing read: the index cache's modules need not be imported
        from flake8_importguard.index.cache import IndexCache

        opened = [p.cache for p in self._projects.values() if isinstance(p.cache, IndexCache)]
        return opened + self._adopted

    def flush(self) -> None:
        """Write what this process built into every project's cache."""
        for cache in self._caches():
            cache.flush()

    def hold(self) -> Callable[[], None]:
        """What this process built, merged into every project's index in memory now (what it reads,
        and what a worker forked next starts with); returns the writing of it (Snapshot.hold), to
        be done while the workers check."""
        writes = [cache.hold() for cache in self._caches()]

        def write() -> None:
            for each in writes:
                each()
        return write

    def flush_at_exit(self) -> None:
        """Flush when this process ends: at interpreter exit, and at the end of a multiprocessing
        worker (`flake8 -j`), which leaves through os._exit without atexit."""
        pid = os.getpid()
        if pid in self._flush_pids:
            return
        self._flush_pids.add(pid)
        atexit.register(self.flush)
        if "multiprocessing" in sys.modules:
            from multiprocessing import util

            util.Finalize(None, self.flush, exitpriority=10)

    def export_new(self) -> CacheEntries:
        """Entries built in this process since the last call, for a parent process to write."""
        return [(c.dir, c.root, new) for c in self._caches() for new in [c.take_new()] if new]

    def import_new(self, items: CacheEntries) -> None:
        """Take a worker's `export_new()`; written by the next flush()."""
        for directory, root, new in items:
            cache = next((c for c in self._caches() if c.dir == directory and c.root == root), None)
            if cache is None:
                from flake8_importguard.index.cache import IndexCache

                cache = IndexCache(directory, root)
                self._adopted.append(cache)
            cache.merge_new(new)
