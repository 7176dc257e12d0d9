"""One project as a session knows it: its layout, where its modules are, their summaries, the
verdicts and repairs built on them. The parts a check of one file seldom asks (what the suite
imports, what may fail for an outside reason, class members, who imports a name, git history,
the line length) are imported on their first use: an editor's save imports what it asks."""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Callable

from flake8_importguard.analysis.fresh import Fresh
from flake8_importguard.analysis.loading import Chains
from flake8_importguard.analysis.resolver import Resolver
from flake8_importguard.analysis.suggest import Homes
from flake8_importguard.base.config import Settings
from flake8_importguard.base.record import Question, Recorder
from flake8_importguard.index.cache import NoCache, open_cache
from flake8_importguard.index.census import Census
from flake8_importguard.index.finder import Finder
from flake8_importguard.index.layout import Layout
from flake8_importguard.index.store import SummaryStore
from flake8_importguard.index.watch import Watch

if TYPE_CHECKING:
    from flake8_importguard.analysis.fallible import Fallibility
    from flake8_importguard.analysis.lookups import Binders
    from flake8_importguard.index.history import History
    from flake8_importguard.index.members import ClassIndex
    from flake8_importguard.index.style import ImportStyle
    from flake8_importguard.index.suite import SuiteNames


class Project:
    def __init__(self, root: str, settings: Settings, listing: Callable[[str], frozenset[str]],
                 cache: NoCache | None = None, recorder: Recorder | None = None, watch: Watch | None = None) -> None:
        """`cache`: the index cache a session kept from an earlier read of this project;
        `recorder`: the session's, which the project graph's edges come from (base/record.py);
        `watch`: the session's, what an editor reported changed on disk (index/watch.py)."""
        self.settings = settings
        self.recorder = recorder or Recorder()
        self.layout = Layout(root, settings, listing, self.recorder)
        if cache is None:
            cache = open_cache(settings.cache_dir, self.layout.root, enabled=not settings.no_cache)
        self.cache = cache
        self.cache.recorder = self.recorder
        self.finder = Finder(self.layout, listing, self.recorder)
        self.census = Census(self.layout, self.cache, self.recorder, watch)
        self.store = SummaryStore(self.census)
        self.resolver = Resolver(self.layout, self.finder, self.store, self.cache)
        self.homes = Homes(self.store)

    @property
    def root(self) -> str:
        return self.layout.root

    @cached_property
    def suite(self) -> SuiteNames:
        """What the test suite imports from first-party code (read on first use)."""
        from flake8_importguard.index.suite import SuiteNames

        return SuiteNames(self.layout, self.finder, self.cache, self.census)

    @cached_property
    def chains(self) -> Chains:
        """Which first-party modules fail to import because of an import they run (IMG105)."""
        return Chains(self.layout, self.finder, self.store, self.resolver)

    @cached_property
    def fresh(self) -> Fresh:
        """What CPython does when `pytest FILE` imports a test file alone (IMG105, IMG106)."""
        return Fresh(self.layout, self.finder, self.store, self.resolver)

    @cached_property
    def fallibility(self) -> Fallibility:
        from flake8_importguard.analysis.fallible import Fallibility

        return Fallibility(self.finder, self.store, self.finder.dependencies)

    @cached_property
    def import_style(self) -> ImportStyle:
        """How the project's linters want the imports the fixer writes: its line length, and its
        top-level packages and modules (isort's first-party section)."""
        from flake8_importguard.index.style import ImportStyle, max_line_length

        tops = {module.partition(".")[0] for module, _ in self.store.all_modules()}
        return ImportStyle(max_line_length(self.layout.root), frozenset(tops | set(self.layout.settings.first_party)))

    @cached_property
    def classes(self) -> ClassIndex:
        """What the classes of the modules asked about hold (read on first use, per module)."""
        from flake8_importguard.index.members import ClassIndex

        return ClassIndex(self.cache, self.recorder)

    @cached_property
    def binders(self) -> Binders:
        """Which modules define a name and which import it (where a patch takes effect)."""
        from flake8_importguard.analysis.lookups import Binders

        return Binders(self.store, self.homes)

    @cached_property
    def history(self) -> History:
        from flake8_importguard.index.history import History

        return History(self.layout.root)

    def removal(self, name: str) -> tuple[str, ...]:
        """(short hash, date, subject) of the commit that removed the last definition of `name`,
        which the project defines nowhere now; () when git cannot tell (history.py)."""
        found: str = self.census.ask((Question.GONE, name), lambda: self.history.removal(name))
        return tuple(found.split("\0")) if found else ()
