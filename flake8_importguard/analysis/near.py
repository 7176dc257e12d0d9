"""Near modules from an index: "no module 'app.models.thread'; did you mean 'app.db.thread'?"

Modules with the missing module's last component come first. Otherwise, the modules whose whole
dotted name is near the missing one's (difflib's ratio >= 0.8, as get_close_matches ranks them),
among the likely ones instead of every module: those whose last component is a near spelling of
the missing one's, and those around the nearest module that exists on its path (itself, its
siblings and its children: `app.models.user.admin` when `app.models.user` is a module).

Only the last components that can reach 0.8 are scored: a ratio of 0.8 needs 2M >= 0.8 T matched
characters (T: both lengths); difflib's matching blocks are separated by at least one unmatched
character, so there are at most T - 2M + 1 of them, and a block of l characters shares l - 1
bigrams: two names at 0.8 share at least 3M - T - 1 >= 0.2 T - 1 bigrams (counted with
multiplicity).
"""
from __future__ import annotations

import difflib
import heapq
from collections import Counter
from typing import Iterable

CUTOFF = 0.8


def bigrams(text: str) -> Counter[str]:
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


class ModuleNames:
    """Every module name, by last component and by parent; the last components by bigram."""

    def __init__(self, modules: Iterable[str]) -> None:
        self.modules = set(modules)
        self.by_last: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        for name in sorted(self.modules):
            self.by_last.setdefault(name.rpartition(".")[2], []).append(name)
            self.children.setdefault(name.rpartition(".")[0], []).append(name)
        self.names = sorted(self.by_last)  # the distinct last components
        self._postings: dict[str, list[tuple[int, int]]] | None = None

    def like(self, missing: str, n: int = 3) -> list[str]:
        """Modules whose last component is the missing one's; else the nearest whole names (of
        2n, up to n); those in the missing module's top-level package first."""
        last, top = missing.rpartition(".")[2], missing.split(".")[0]

        def elsewhere(module: str) -> bool:
            return module.split(".")[0] != top

        same = [m for m in self.by_last.get(last, ()) if m != missing]
        if same:
            return sorted(same, key=elsewhere)[:n]
        near = {m for close in self.close(last, n=len(self.names)) for m in self.by_last[close]}
        return sorted(self._closest(missing, near | self._around(missing), 2 * n), key=elsewhere)[:n]

    def _around(self, missing: str) -> set[str]:
        """The nearest existing module on the missing module's path, its siblings and children."""
        ancestor = missing.rpartition(".")[0]
        while ancestor and ancestor not in self.modules:
            ancestor = ancestor.rpartition(".")[0]
        if not ancestor:
            return set()
        return {ancestor, *self.children.get(ancestor.rpartition(".")[0], ()), *self.children.get(ancestor, ())}

    @staticmethod
    def _closest(word: str, candidates: Iterable[str], n: int) -> list[str]:
        """get_close_matches(word, candidates, n, 0.8): the same scores, the same order."""
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        scored = []
        for name in candidates:
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF \
                    and matcher.ratio() >= CUTOFF:
                scored.append((matcher.ratio(), name))
        return [name for _, name in heapq.nlargest(n, scored)]

    def close(self, word: str, n: int = 3) -> list[str]:
        """difflib.get_close_matches(word, last components, n, 0.8), scoring only possible matches."""
        return self._closest(word, self._candidates(word), n)

    def _candidates(self, word: str) -> list[str]:
        if len(word) < 4:  # a name sharing no bigram reaches 0.8 only beside a word this short
            return self.names
        shared: Counter[int] = Counter()
        for gram, count in bigrams(word).items():
            for index, times in self.postings.get(gram, ()):
                shared[index] += min(count, times)
        return [self.names[i] for i, common in shared.items()
                if common >= 0.2 * (len(word) + len(self.names[i])) - 1 - 1e-9]

    @property
    def postings(self) -> dict[str, list[tuple[int, int]]]:
        if self._postings is None:
            self._postings = {}
            for index, name in enumerate(self.names):
                for gram, times in bigrams(name).items():
                    self._postings.setdefault(gram, []).append((index, times))
        return self._postings
