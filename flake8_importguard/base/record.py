"""What a check read: the dependency edges of the project graph (run/graph.py).

While a file is checked, the session's Recorder holds a frame open; everything that reads the
project reports to it: the summary store each module file whose summary a verdict used, the
session's directory listing each directory it listed, the whole-project lookups (a `Question`:
where else a name is defined, who sets an attribute on a module, what the suite imports, near
modules, who imports a name) each question and its answer. A memoized answer (a module's
location, an inferred `__all__`) keeps the reads it was computed from and replays them on every
later use, so that a file checked after another one that asked the same question still records
what the answer rests on.
"""
from __future__ import annotations

import enum
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Hashable, Iterator, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Question(str, enum.Enum):
    """A kind of whole-project question about one name (index/census.py's `Census.ask`); the
    project graph asks each again to tell whether a kept answer holds (run/graph.py's `_ask`).
    A `str` enum: kept in the index as its value."""

    HOMES = "homes"  # the modules that define the name (analysis/suggest.py: Homes.defining)
    WRITES = "writes"  # the modules others set the name on (index/store.py: SummaryStore.writers)
    SUITE = "suite"  # where the test suite imports the name from (index/suite.py: SuiteNames.importers)
    NEAR = "near"  # the modules near the missing module (analysis/suggest.py: Homes.modules_like)
    IMPORTERS = "importers"  # the modules that import the name (analysis/lookups.py: Binders.importers)
    ORIGINS = "origins"  # the outside modules the project imports the name from (suggest.py: Homes.origins)
    RENAMED = "renamed"  # names elsewhere that read as renames of it (analysis/suggest.py: Homes.renamed)
    GONE = "gone"  # the commit that removed its last definition (index/history.py: History.removal)
    APPS = "apps"  # the models modules of the project's Django apps (index/census.py: Census.app_models; name "")


Asked = tuple[Question, str]  # a question and the name it is about


@dataclass
class Reads:
    files: set[str] = field(default_factory=set)  # source files whose content an answer used
    dirs: set[str] = field(default_factory=set)  # directories whose listing an answer used
    questions: dict[Asked, Any] = field(default_factory=dict)  # whole-project question -> answer
    partial: bool = False  # used an answer still being computed (an import cycle): not memoized
    # the memoized answers used while this frame is open, by identity (each is final once kept,
    # and held here, so that its id stays its own): their reads are added once, when it closes
    replayed: dict[int, "Reads"] = field(default_factory=dict, repr=False, compare=False)

    def settle(self) -> None:
        """Add the reads of the memoized answers used meanwhile: one union of each kind."""
        if not self.replayed:
            return
        used = list(self.replayed.values())
        self.replayed = {}
        self.files.update(*[other.files for other in used])
        self.dirs.update(*[other.dirs for other in used])
        for other in used:
            self.questions.update(other.questions)


class Recorder:
    """The open frames of this process: one per file being checked, one per memoized answer
    being computed inside it. A read goes into every open frame.

    A recorder that is not `keeping` (the flake8 plugin's: it keeps no check's findings, so no
    check's reads are ever kept) records nothing: its frames only tell which memoized answers
    used one still being computed."""

    def __init__(self, keeping: bool = True) -> None:
        self._frames: list[Reads] = []
        self.keeping = keeping

    @contextmanager
    def frame(self) -> Iterator[Reads]:
        reads = self.open()
        try:
            yield reads
        finally:
            self.close()

    def open(self) -> Reads:
        """A new frame (`frame`, without a generator: a memoized answer computed opens one)."""
        reads = Reads()
        self._frames.append(reads)
        return reads

    def close(self) -> None:
        """Close the innermost frame."""
        self._frames.pop().settle()

    @contextmanager
    def outside(self) -> Iterator[None]:
        """No frame is open meanwhile: what a whole-project answer reads is not recorded (its
        question and answer are, by the caller)."""
        saved, self._frames = self._frames, []
        try:
            yield
        finally:
            self._frames = saved

    def file(self, path: str) -> None:
        if not self.keeping:
            return
        for reads in self._frames:
            reads.files.add(path)

    def directory(self, path: str) -> None:
        if not self.keeping:
            return
        for reads in self._frames:
            reads.dirs.add(path)

    def asked(self, question: Asked, answer: Any) -> None:
        if not self.keeping:
            return
        for reads in self._frames:
            reads.questions[question] = answer

    def replay(self, earlier: Reads) -> None:
        """A memoized answer used: its reads go into every open frame (as it closes). A frame that
        has them has them in every frame below it too (opened before it and open since): the
        innermost one answers most uses."""
        frames = self._frames
        if not self.keeping or not frames:
            return
        key = id(earlier)
        if key in frames[-1].replayed:
            return
        for reads in frames:
            reads.replayed.setdefault(key, earlier)

    def depth(self) -> int:
        return len(self._frames)

    def partial_from(self, depth: int) -> None:
        """The frames opened above `depth` used an answer that is not finished yet."""
        for reads in self._frames[depth:]:
            reads.partial = True


class Memo(Generic[K, V]):
    """Answers kept for the session with the reads they rest on, replayed on each use. An
    answer asked for again while it is being computed (a cycle) gets `pending`, and whatever
    used that is recomputed next time instead of kept."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self._done: dict[K, tuple[V, Reads]] = {}
        self._running: dict[K, int] = {}

    def get(self, key: K, compute: Callable[[], V], pending: V | None = None) -> V:
        done = self._done.get(key)
        if done is not None:
            self.recorder.replay(done[1])
            return done[0]
        if key in self._running:
            self.recorder.partial_from(self._running[key] + 1)
            return pending  # type: ignore[return-value]
        self._running[key] = self.recorder.depth()
        reads = self.recorder.open()
        try:
            value = compute()
        finally:
            self.recorder.close()
            del self._running[key]
        if not reads.partial:
            self._done[key] = (value, reads)
        return value

    def __contains__(self, key: K) -> bool:
        return key in self._done

    def running(self, key: K) -> bool:
        """Is the answer for `key` being computed (further up this very computation)?"""
        return key in self._running
