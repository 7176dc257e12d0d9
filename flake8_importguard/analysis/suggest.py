"""Repairs: "did you mean" near names, and the reverse lookup "where does X live now".

Ranking, documented in the README:
1. an exact name defined elsewhere in the project beats any near name in the same module;
   among several homes, those inside the module the test asked for (it became a package, or
   stopped re-exporting its submodule's name) come first, the shallowest first, then the
   modules the rest of the suite imports the name from, then the module whose dotted path
   shares most with the one asked for, then the shorter path; a package that explicitly
   re-exports the name (`from .models import Session` in its `__init__`, listed in its
   `__all__` or not read by the package's own code) stands in for the defining module; a
   module that imports the name from another home and binds it otherwise only as a fallback
   is none, and one that lists in its `__all__` a name it imports from outside the project is
   one; with no module defining the name, the packages that have a submodule of that name
   are its homes (`from app.plugins import notifier`);
2. a near name in the same module is scored on shared CamelCase/snake_case words,
   containment and edit distance (`score`); one candidate is "certain" only when it is
   clearly ahead of the next, and the fixer applies it only when the difference reads as a
   rename rather than another symbol (`convincing`): `add_completion_class` is near
   `get_completion_class` but is not a typo of it.
"""
from __future__ import annotations

import bisect
import difflib
import fnmatch
import itertools
import os
import re
from typing import Iterable

from flake8_importguard.analysis.near import ModuleNames
from flake8_importguard.base.model import SymbolKind
from flake8_importguard.base.record import Question
from flake8_importguard.index.finder import Finder, LocKind, ModuleLoc
from flake8_importguard.index.scan import name_words as words, typo, words_added_or_dropped
from flake8_importguard.index.store import SummaryStore
from flake8_importguard.index.summary import ModuleSummary

Spelt = tuple[str, "Spelled"]  # a name, and how it is spelled


# what `_worth_asking` reads of a name, taken once per name in the word index: its words in order,
# its lower case, CapWords or not; a plain tuple, which the cyclic collector stops tracking
Spelled = tuple[tuple[str, ...], str, bool]


def spelled(name: str) -> Spelled:
    return tuple(words(name)), name.lower(), name[:1].isupper()


class Spellings:
    """The names a project's files may bind (the census's words that are identifiers of four
    letters or more), found by the long words of a name (`like`): those a typo of it or a rename
    by words may have come from. One lower-case text of them all; the names that hold a word are
    found in it, spelt (`spelled`) and put by length and last word the first time a name asked
    about holds that word. (Spelling all 35,000 names of a size 1.0 project up front costs 0.14 s:
    every worker of a cold run paid it, and a save that asks one question.)"""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = [name for name in names if len(name) >= 4 and name.isidentifier()]
        lowered = [name.lower() for name in self.names]
        self.text = "\n".join(lowered) + "\n"
        self.starts = [0, *itertools.accumulate(len(low) + 1 for low in lowered)]
        self._by_word: dict[str, tuple[dict[int, list[Spelt]], dict[str, list[Spelt]]]] = {}
        self._spelt: dict[int, Spelt] = {}  # a name that holds several words asked about is spelt once

    def like(self, wanted: Spelled) -> list[Spelt]:
        """The names that share a word of four letters or more with `wanted` and either are as
        long as it within one letter (a typo's) or, both CapWords, end in the same word (words
        added or dropped); each once."""
        size = len(wanted[1])
        found: dict[str, Spelt] = {}
        for word in {part for part in wanted[0] if len(part) >= 4}:
            by_length, by_last = self._holding(word)
            for spelt in (*by_length.get(size - 1, ()), *by_length.get(size, ()), *by_length.get(size + 1, ())):
                found[spelt[0]] = spelt
            if wanted[2]:
                found.update((spelt[0], spelt) for spelt in by_last.get(wanted[0][-1], ()))
        return list(found.values())

    def _holding(self, word: str) -> tuple[dict[int, list[Spelt]], dict[str, list[Spelt]]]:
        """The names that hold `word` (scan.name_words: in lower case, so in the name's lower
        case), by the length of their lower case, and the CapWords ones by their last word."""
        if word not in self._by_word:
            by_length: dict[int, list[Spelt]] = {}
            by_last: dict[str, list[Spelt]] = {}
            at = self.text.find(word)
            while at != -1:
                index = bisect.bisect_right(self.starts, at) - 1
                spelt = self._spelt.get(index)
                if spelt is None:
                    spelt = self._spelt[index] = self.names[index], spelled(self.names[index])
                spelling = spelt[1]
                if word in spelling[0]:
                    by_length.setdefault(len(spelling[1]), []).append(spelt)
                    if spelling[2]:
                        by_last.setdefault(spelling[0][-1], []).append(spelt)
                at = self.text.find(word, self.starts[index + 1])  # the next name that holds it
            self._by_word[word] = by_length, by_last
        return self._by_word[word]


_NOT_HOMES = ("test_*.py", "*_test.py", "conftest.py", "setup.py", "noxfile.py")
NEAR_THRESHOLD = 0.7
CLEAR_LEAD = 0.1


def score(wanted: str, candidate: str, module: bool = False, floor: float = 0.0) -> float:
    """0..1: how likely `candidate` is what a test meant by `wanted`.

    The better of two views: spelling (difflib's ratio, for typos such as `Usr`) and words
    (shared CamelCase/snake_case words, full marks for containment, for renames such as
    `WebSocketConnectionManager` -> `ConnectionManager`). A candidate of another kind
    (CapWords class vs lower-case function or constant) scores half. Two near misses score
    nothing: a submodule (`module`) whose words are some of the name's (`make_user` is a
    function that merely contains the submodule `user`), and a class that keeps only the first
    words of the one asked for (`Order` for `OrderLine`: its last word says what it is). A
    candidate that difflib's quick_ratio (an upper bound of its ratio) already keeps below `floor`
    scores nothing, its spelling compared no further; any score at or above `floor` is exact.
    """
    if wanted == candidate:
        return 1.0
    a, b = set(words(wanted)), set(words(candidate))
    if module and b < a or _head_dropped(wanted, candidate):
        return 0.0
    shared = len(a & b)
    jaccard = shared / max(1, len(a | b))
    contained = 1.0 if shared and (a <= b or b <= a) else 0.0
    by_words = 0.6 * jaccard + 0.4 * contained
    same_kind = wanted[:1].isupper() == candidate[:1].isupper()
    matcher = difflib.SequenceMatcher(None, wanted.lower(), candidate.lower())
    if floor and max(by_words, matcher.quick_ratio()) * (1.0 if same_kind else 0.5) < floor:
        return 0.0
    value = max(by_words, matcher.ratio())
    return value if same_kind else value * 0.5


def _head_dropped(wanted: str, candidate: str) -> bool:
    """Is the class `candidate` the class `wanted` without its last words (`Order` for `OrderLine`)?
    The last word of a CapWords name says what it is; a prefix is another, broader class."""
    if not (wanted[:1].isupper() and candidate[:1].isupper()):
        return False
    asked, offered = words(wanted), words(candidate)
    return len(offered) < len(asked) and asked[:len(offered)] == offered


def convincing(wanted: str, candidate: str) -> bool:
    """Is `candidate` a rename of `wanted` that a fixer may apply on its own?

    Either a typo: one letter inserted, dropped or changed, or two neighbours swapped; a
    changed letter only inside a word of five letters or more (`get_user`/`set_user` are two
    functions, not a typo). Or, for a CapWords class, whole words added or dropped in order
    (`WebSocketConnectionManager` -> `ConnectionManager`, `UserSession` -> `Session`).
    """
    a, b = wanted.lower(), candidate.lower()
    if a == b or typo(a, b) or typo(b, a):
        return True
    if not (wanted[:1].isupper() and candidate[:1].isupper()):
        return False
    short, long = sorted((words(wanted), words(candidate)), key=len)
    rest = iter(long)
    return len(short) < len(long) and short[-1] == long[-1] and all(word in rest for word in short)


def near_names(wanted: str, available: set[str], modules: frozenset[str] | set[str] = frozenset()
               ) -> tuple[list[str], bool]:
    """Near names, best first, and whether the first is clearly the one; `modules`: those of
    `available` that are only submodules (scored as module names: `score`)."""
    scored = sorted(
        ((score(wanted, name, name in modules, NEAR_THRESHOLD), name) for name in available
         if not name.startswith("__")),
        key=lambda item: (-item[0], item[1]),
    )
    scored = [(s, n) for s, n in scored if s >= NEAR_THRESHOLD]
    if not scored:
        return [], False
    certain = len(scored) == 1 or scored[0][0] - scored[1][0] >= CLEAR_LEAD
    return [n for _, n in scored[:3]], certain


_NOT_A_HOME = re.compile("|".join(fnmatch.translate(p) for p in _NOT_HOMES))


def may_be_home(path: str) -> bool:
    """Whether a module's definitions count as homes (a test module's do not)."""
    return _NOT_A_HOME.match(os.path.basename(path)) is None


class Homes:
    """Reverse lookup over every first-party module: name -> modules that define it. Only the
    modules whose text mentions the name are read (census.py, scan.py)."""

    def __init__(self, store: SummaryStore) -> None:
        self.store = store
        self._near: ModuleNames | None = None
        self._paths: dict[str, str] | None = None  # module -> its file (the first source root's)
        self._tops: set[str] | None = None  # the project's top-level names
        self._names: Spellings | None = None  # the names the project's files may bind

    def defining(self, name: str) -> list[list[str]]:
        """[module, its public path] for every module that defines `name`: a whole-project
        question, recorded with its answer (base/record.py)."""
        return self.store.census.ask(
            (Question.HOMES, name), lambda: [[module, self._shown(module, name)] for module in self._defined(name)])

    def _defined(self, name: str) -> list[str]:
        """The modules that bind `name` other than by an import alone; not one that imports it from
        another of them and binds it otherwise only as a fallback (`try: from .rewrite import
        rewrite_asserts` / `except ImportError: rewrite_asserts = None`)."""
        found: dict[str, set[str]] = {}  # module -> the modules it imports `name` from
        for module, path in self.store.census.modules_in(self.store.census.mentions(name)):
            if may_be_home(path):
                summary = self.store.summary(ModuleLoc.of_file(module, path))
                kind = summary.names.get(name)
                if kind is not None and (kind != SymbolKind.IMPORT or self._offers_outside(summary, name)):
                    found[module] = {step[0] for step in summary.steps if name in step[1]}
        homes = [module for module, sources in found.items() if not sources & (found.keys() - {module})]
        return homes or list(found)

    def _offers_outside(self, summary: ModuleSummary, name: str) -> bool:
        """Does a module offer a name it imports from outside the project as its own, listing it in
        its `__all__` (`tox.util.signal`'s `SIGINT`, `CTRL_C_EVENT` on Windows)?"""
        if name not in (summary.all_names or ()):
            return False
        origin = summary.origins.get(name) or [""]
        return origin[0].split(".")[0] not in {*self._top_names(), ""}

    def _top_names(self) -> set[str]:
        """The project's top-level names (its first-party packages and modules), read once."""
        if self._tops is None:
            self._tops = {module.split(".")[0] for module, _ in self.store.all_modules()}
        return self._tops

    def _shown(self, module: str, name: str) -> str:
        """The package that re-exports `name` from `module` explicitly, up the tree, or `module`."""
        shown = module
        while shown.rpartition(".")[0] and self._reexports(shown.rpartition(".")[0], shown, name):
            shown = shown.rpartition(".")[0]
        return shown

    def _path_of(self, module: str) -> str:
        """The file of a first-party module (the first source root's), "" for none."""
        if self._paths is None:
            self._paths = {}
            for other, path in self.store.all_modules():
                self._paths.setdefault(other, path)
        return self._paths.get(module, "")

    def _reexports(self, package: str, module: str, name: str) -> bool:
        """Does `package`'s __init__ import `name` from its submodule `module`, by that name, to offer
        it: listed in its `__all__`, or not read by the package itself (a package that imports a name
        for its own code, as `tox.config.loader.ini` does `filter_for_env`, is no home of it)."""
        path = self._path_of(package)
        if os.path.basename(path) != "__init__.py":
            return False
        summary = self.store.summary(ModuleLoc.of_file(package, path))
        if summary.names.get(name) != SymbolKind.IMPORT or summary.origins.get(name) != [module, name]:
            return False
        return name in (summary.all_names or ()) or name not in summary.uses_imports

    def of(self, name: str, asked: str, exclude: frozenset[str] = frozenset(),
           prefer: frozenset[str] = frozenset()) -> list[str]:
        """Public paths of the modules that define `name`, best first (`_rank`); those in `prefer`
        (where the rest of the suite imports it from) before all others but those inside `asked`.
        Never one of `exclude` (the module asked about; the names of the file asking, Context.own_modules)."""
        public: list[str] = []
        for module, shown in self.defining(name):
            if shown not in public and module not in exclude and shown not in exclude:
                public.append(shown)
        return sorted(public, key=lambda module: _rank(module, asked, prefer))

    def packages_with(self, name: str, asked: str) -> list[str]:
        """The packages with a submodule `name`, nearest to `asked` first, as `of` ranks them: where
        `from app import notifier` finds it once `app/notifier.py` moved to `app/plugins/`. From the
        recorded near-module question (`modules_like`); a test module is no home."""
        if not name.isidentifier():
            return []
        found = {module.rpartition(".")[0] for module in self.modules_like(f"{asked}.{name}")
                 if module.rpartition(".")[2] == name and may_be_home(self._path_of(module))}
        return sorted((package for package in found if package and package != asked),
                      key=lambda package: _rank(package, asked, frozenset()))

    def origins(self, name: str) -> list[str]:
        """The modules outside the project that first-party modules import `name` from, by that
        name (`from langchain_core.messages import BaseMessage`): where a name the project defines
        nowhere lives, when the project only re-exports it. A whole-project question, recorded."""
        return self.store.census.ask((Question.ORIGINS, name), lambda: self._origins(name))

    def _origins(self, name: str) -> list[str]:
        ours = self._top_names()
        found: set[str] = set()
        for module, path in self.store.census.modules_in(self.store.census.mentions(name)):
            if may_be_home(path):
                summary = self.store.summary(ModuleLoc.of_file(module, path))
                origin = summary.origins.get(name) if summary.names.get(name) == SymbolKind.IMPORT else None
                if origin and origin[1] == name and origin[0].split(".")[0] not in {*ours, "", "__future__"}:
                    found.add(origin[0])
        return sorted(found)

    def renamed(self, name: str) -> list[list[str]]:
        """[module, new name] for the classes and functions elsewhere in the project that read as
        a rename of `name` (`_renames`: a typo, or a CapWords name with words added or dropped),
        best first, at most three: where a name that is defined nowhere may have gone when it
        was renamed and moved at once. A whole-project question, recorded with its answer."""
        return self.store.census.ask((Question.RENAMED, name), lambda: self._renamed(name))

    def _renamed(self, name: str) -> list[list[str]]:
        census = self.store.census
        if self._names is None:
            self._names = Spellings(census.distinct_words())
        found: list[tuple[float, str, str]] = []
        wanted = spelled(name)
        for candidate, spelling in self._names.like(wanted):
            if candidate == name or not _worth_asking(wanted, spelling) or not _renames(name, candidate):
                continue
            for module, path in census.modules_in(census.holding(candidate)):  # each file once
                if may_be_home(path):
                    kind = self.store.summary(ModuleLoc.of_file(module, path)).names.get(candidate)
                    if kind in (SymbolKind.CLASS, SymbolKind.FUNCTION):
                        found.append((score(name, candidate), module, candidate))
        found.sort(key=lambda item: (-item[0], item[2], item[1]))
        return [[module, candidate] for _, module, candidate in found[:3]]

    def modules_like(self, missing: str) -> list[str]:
        """Existing modules whose last component matches the missing module's (those of the same
        top-level package first), else a near spelling of it (near.py: from the module list
        alone, no summary read); recorded."""
        return self.store.census.ask((Question.NEAR, missing), lambda: self._near_modules().like(missing))

    def _near_modules(self) -> ModuleNames:
        if self._near is None:
            self._near = ModuleNames(module for module, _ in self.store.all_modules())
        return self._near


def _rank(module: str, asked: str, prefer: frozenset[str]) -> tuple[int, bool, int, int, str]:
    """Those inside `asked` first, the shallowest first (the module asked for became a package:
    `sphinx.domains.c._ids` for `sphinx.domains.c`; or the package stopped re-exporting its
    submodule's name: `poetry.core.masonry.builder` for `poetry.core.masonry`, whatever namesake
    the rest of the suite imports), then those in `prefer`, then those sharing most with `asked`
    (the dotted prefix, and the parts anywhere), then the shorter path."""
    parts, asked_parts = module.split("."), asked.split(".")
    inside = len(parts) - len(asked_parts) if module.startswith(asked + ".") else len(parts) + 1000
    common = 0
    for x, y in zip(parts, asked_parts):
        if x != y:
            break
        common += 1
    overlap = len(set(parts) & set(asked_parts))
    return (inside, module not in prefer, -(common + overlap), len(parts), module)


def _worth_asking(wanted: Spelled, candidate: Spelled) -> bool:
    """A cheaper test that every pair `_renames` accepts passes: a typo keeps the length within
    one and leaves at most two letters that only one of them holds; words added or dropped
    (`convincing`) need two CapWords names and scan's test (which asks the same last word)."""
    (wanted_words, a, wanted_capital), (candidate_words, b, candidate_capital) = wanted, candidate
    if abs(len(a) - len(b)) <= 1 and len(set(a) ^ set(b)) <= 2:
        return True
    return wanted_capital and candidate_capital and words_added_or_dropped(wanted_words, candidate_words)


def _renames(wanted: str, candidate: str) -> bool:
    """A rename across modules: a typo, or words added or dropped where both names keep at least
    two words (`Connection` -> `ConnectionPool` is another class, not a rename). What it may
    accept decides which changed files can change a kept answer (index/census.py's
    `_may_rename`): keep the two together."""
    a, b = wanted.lower(), candidate.lower()
    if typo(a, b) or typo(b, a):
        return True
    return min(len(words(wanted)), len(words(candidate))) >= 2 and convincing(wanted, candidate)


def common_home(homes: dict[str, list[str]]) -> str:
    """The best module that defines every name of `homes` (name -> its homes), or ""."""
    if not homes or not all(homes.values()):
        return ""
    shared = set.intersection(*(set(h) for h in homes.values()))
    return min(shared, key=lambda m: min(h.index(m) for h in homes.values())) if shared else ""


def kind_of(finder: Finder, store: SummaryStore, module: str, name: str, search: tuple[str, ...],
            depth: int = 4) -> str:
    """class / function / variable / module for `module.name`, following re-exports; "" unknown."""
    loc = finder.find_module(module, search)
    if loc is None or depth == 0:
        return ""
    if finder.submodule(loc, name) is not None:
        return SymbolKind.MODULE
    if not loc.file:
        return ""
    summary = store.summary(loc)
    kind = summary.names.get(name, "")
    if kind != SymbolKind.IMPORT:
        return kind
    origin_module, origin_name = summary.origins.get(name, ["", ""])
    if not origin_name:
        return SymbolKind.MODULE if origin_module else ""
    return kind_of(finder, store, origin_module, origin_name, search, depth - 1)


def names_of(finder: Finder, store: SummaryStore, loc: ModuleLoc) -> set[str]:
    """Every name a module offers to `from loc import ...`: its bindings, those its star imports
    surely bind (httpx's `from ._client import *`), and its submodules."""
    names = submodules_of(finder, loc)
    if loc.file:
        names |= set(store.summary(loc).names) | _starred(finder, store, loc, {loc.file})
    return names


def _starred(finder: Finder, store: SummaryStore, loc: ModuleLoc, seen: set[str]) -> set[str]:
    """The names the star imports of `loc` bind, where their modules say which: a literal
    `__all__`, else their public names (theirs and their own star imports'); none of a module
    whose `__all__` is computed or changed."""
    found: set[str] = set()
    search = finder.layout.search_path(loc.file)
    for star in store.summary(loc).stars:
        other = finder.find_module(star, search) if star else None
        if other is None or not other.file or other.file in seen:
            continue
        seen.add(other.file)
        theirs = store.summary(other)
        if theirs.error or theirs.all_inferred or theirs.all_unknown:
            continue
        if theirs.all_names is not None:
            found.update(theirs.all_names)
        else:
            found.update(name for name in {*theirs.names, *_starred(finder, store, other, seen)}
                         if not name.startswith("_"))
    return found


def submodules_of(finder: Finder, loc: ModuleLoc) -> set[str]:
    """The names of a package's submodules (none for a module)."""
    names: set[str] = set()
    if loc.kind in (LocKind.PACKAGE, LocKind.NAMESPACE):
        for directory in loc.dirs:
            for entry in finder.listing(directory):
                stem = entry[:-3] if entry.endswith(".py") else entry
                if stem.isidentifier() and stem != "__init__":
                    names.add(stem)
    return names


def near_in(finder: Finder, store: SummaryStore, loc: ModuleLoc | None, wanted: str) -> tuple[list[str], bool]:
    """near_names over what `loc` offers (`names_of`), its submodules scored as module names."""
    if loc is None:
        return [], False
    bound = set(store.summary(loc).names) if loc.file else set()
    return near_names(wanted, names_of(finder, store, loc), submodules_of(finder, loc) - bound)
