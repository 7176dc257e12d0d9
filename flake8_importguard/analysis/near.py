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
multiplicity). And M is at most the shorter length: only the lengths whose `real_quick_ratio`
(difflib's first test) reaches 0.8 are counted at all.
"""
from __future__ import annotations

import bisect
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
        self._postings: dict[str, tuple[list[int], list[tuple[int, int]]]] | None = None
        self._close: dict[tuple[str, int], list[str]] = {}  # (word, n) -> close()

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
        """difflib.get_close_matches(word, last components, n, 0.8), scoring only possible matches;
        once per word (the missing modules `app.x.OrderPlanEnum` and `app.y.OrderPlanEnum` ask the same)."""
        found = self._close.get((word, n))
        if found is None:
            found = self._close[(word, n)] = self._closest(word, self._candidates(word), n)
        return list(found)

    def _candidates(self, word: str) -> list[str]:
        if len(word) < 4:  # a name sharing no bigram reaches 0.8 only beside a word this short
            return self.names
        size = len(word)
        fit = [length for length in range(1, 2 * size + 1) if 2.0 * min(size, length) / (size + length) >= CUTOFF]
        shortest, longest = fit[0], fit[-1]  # real_quick_ratio rises to len(word), then falls
        shared: Counter[int] = Counter()
        for gram, count in bigrams(word).items():
            lengths, postings = self.postings.get(gram, ((), ()))
            for index, times in postings[bisect.bisect_left(lengths, shortest):bisect.bisect_right(lengths, longest)]:
                shared[index] += min(count, times)
        return [self.names[i] for i, common in shared.items()
                if common >= 0.2 * (len(word) + len(self.names[i])) - 1 - 1e-9]

    @property
    def postings(self) -> dict[str, tuple[list[int], list[tuple[int, int]]]]:
        """bigram -> the lengths of the last components that hold it, shortest first, and beside
        each (its index in `names`, how many times it holds it)."""
        if self._postings is None:
            self._postings = {}
            for index in sorted(range(len(self.names)), key=lambda i: len(self.names[i])):
                name = self.names[index]
                for gram, times in bigrams(name).items():
                    lengths, postings = self._postings.setdefault(gram, ([], []))
                    lengths.append(len(name))
                    postings.append((index, times))
        return self._postings
