"""What CPython does when `pytest FILE` imports a test file in a fresh interpreter (IMG105, IMG106).

pytest imports the `conftest.py` files from the root down to the file's directory, then the file
(its packages first); each runs its statements in order. This module replays that on the static
import graph, as CPython's import machinery would:

- a module is in `sys.modules` from the moment it starts running: an import cycle that reaches it
  again gets the partly initialised module, which holds the names its statements bound before
  the import that is running (the summary's `bound_at`), and its submodules already loaded;
- `import a.b.c` loads `a`, `a.b`, `a.b.c` in turn, unless `a.b.c` is in `sys.modules` already;
  the statement then binds `a`, which it loads again if it is not there;
- `from m import x` loads `m`, then, when `m` is a package without `x`, the submodule `m.x` (with
  `__import__("m.x")`, which loads the top-level package too if it is not there), and takes `x`
  from `m`, or else `sys.modules["m.x"]` (a cycle);
- a module whose code fails is removed from `sys.modules`; the modules it loaded before it
  failed stay there, complete.

A Django project's files start from what `django.setup()` leaves (`_django_setup`: its installed
apps, then their models; index/djangoapps.py), as pytest-django and Django's runner run it first.

The simulation stays silent (raises `Unknown`) wherever the statements do not decide the
outcome: a module that may be loaded or not (an import in a branch, a loop, a `with` block, a
handler, a function it calls), code that changes what modules hold behind the statements
(`exec`, `globals()`, `sys.modules` writes, `__path__` changes, dynamic imports), a module
without source, a name whose moment of binding cannot be read. Anything outside the project is
taken to load, and to load nothing of the project.

The state that the conftests of a directory leave is kept per conftest list and search path with
what it read (record.Memo): each test file starts from a copy of it. So is, per module, the plan of
a run that cannot fail (`_plan`): a plain source module whose every import runs unconditionally (or
in a `try`: it cannot fail), finds its first-party module complete (no cycle; from its own
packages, which are there as it runs, it imports submodules only) and each name it asks for
there, the same of every module it imports; such a run puts the modules of its plan that are not
there yet, in the plan's order, wherever none of them is running or maybe loaded, without
replaying its statements.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from flake8_importguard.analysis.resolver import Resolver, module_attribute
from flake8_importguard.base.model import Cause, Missing, Verdict
from flake8_importguard.base.record import Memo
from flake8_importguard.base.syntax import prefixes
from flake8_importguard.index.djangoapps import Lists, settings_lists, setup_imports
from flake8_importguard.index.finder import Finder, LocKind, ModuleLoc
from flake8_importguard.index.layout import Layout, Search
from flake8_importguard.index.store import SummaryStore
from flake8_importguard.index.summary import ModuleSummary

PARTIAL, DONE, MAYBE = "partial", "done", "maybe"
Step = list[Any]  # [absolute module, names ("*": star), line, kind]: see runtime.import_steps


class Unknown(Exception):
    """The static statements do not decide what CPython does here."""


@dataclass
class State:
    """`sys.modules` as far as the project's modules go: name -> [status, line running, when
    it was put there (a count of insertions), whether it star-imported a partly initialised
    module (then what it holds beyond its own bindings is unknown)]."""
    modules: dict[str, list[Any]] = field(default_factory=dict)
    clock: int = 0

    def copy(self) -> "State":
        return State({name: list(entry) for name, entry in self.modules.items()}, self.clock)

    def put(self, name: str, status: str) -> list[Any]:
        self.clock += 1
        entry = self.modules[name] = [status, 0, self.clock, False]
        return entry

    def since(self, clock: int) -> list[str]:
        """The modules put there after `clock`, in order."""
        return sorted((n for n, e in self.modules.items() if e[2] > clock), key=lambda n: self.modules[n][2])

    def status(self, name: str) -> str:
        entry = self.modules.get(name)
        if entry is None:
            return ""
        if entry[0] == MAYBE:
            raise Unknown(name)
        return str(entry[0])


@dataclass(frozen=True)
class Plan:
    """A run of a module that cannot fail (Fresh._plan): the modules it puts in sys.modules from an
    empty one, in order, every name it looks for there (each must be absent or complete), and
    the packages of its own it imports from, which it does not load (each must be there, running
    or complete: a package that failed leaves its loaded submodules behind without it)."""
    order: tuple[str, ...]
    asked: tuple[str, ...]
    packages: tuple[str, ...]


@dataclass(frozen=True)
class Failure:
    """An import that fails in a fresh interpreter: the import that really fails (`cause`), and
    `rescue`: a module that an earlier failed attempt leaves in sys.modules, with which the same
    statement passes (a whole-suite run may hide the failure: IMG106), or ""."""
    cause: Cause
    rescue: str = ""
    module: str = ""  # the module the failing statement asked for when it failed


@dataclass(frozen=True)
class Start:
    """What the conftests leave: the state, and the first conftest that fails (file, Failure)."""
    state: State
    broken: tuple[str, Failure] | None = None


class Fresh:
    def __init__(self, layout: Layout, finder: Finder, store: SummaryStore, resolver: Resolver,
                 plans: bool = True) -> None:
        """`plans`: put a module that cannot fail there by its plan (`_plan`), not by replaying
        its statements (the same outcome: tests compare the two)."""
        self.layout, self.finder, self.store, self.resolver = layout, finder, store, resolver
        self.plans = plans
        self._starts: Memo[tuple[tuple[str, ...], Search], Start] = Memo(store.recorder)
        self._reach: Memo[tuple[str, Search], frozenset[str]] = Memo(store.recorder)
        self._plans: Memo[tuple[str, Search], Plan | None] = Memo(store.recorder)

    # -- what a test file starts from --------------------------------------------------------------
    def start(self, conftests: tuple[str, ...], search: Search) -> Start:
        """The state after pytest imported `conftests` (paths, root first), each in turn."""
        return self._starts.get((conftests, search), lambda: self._run_conftests(conftests, search),
                                pending=Start(State({"": [MAYBE, 0, 0, False]})))

    def _run_conftests(self, conftests: tuple[str, ...], search: Search) -> Start:
        if not conftests:
            return Start(self._django_setup(search))
        before = self.start(conftests[:-1], search)
        state = before.state.copy()
        if "" in state.modules:
            return before
        path = conftests[-1]
        name, package = self.layout.module_name(path)
        if not package:
            state.modules.pop(name, None)  # pytest forgets an earlier `conftest` outside a package
        try:
            failed = self._import_file(state, name, path, search)
        except Unknown:
            return Start(State({"": [MAYBE, 0, 0, False]}), before.broken)
        broken = before.broken or ((path, failed) if failed is not None else None)
        return Start(state, broken)

    def _django_setup(self, search: Search) -> State:
        """sys.modules as `django.setup()` leaves it, before any conftest or test module of a Django
        project (index/djangoapps.py); empty when the project is none, when its settings do not say
        which apps it installs, or when the setup fails (then each file's own imports say so, as
        before). Where the replay cannot say what an import leaves, the setup is taken to succeed
        (had it failed, no test would run at all): the modules it imports from there on are there,
        complete."""
        settings = self.layout.packaging.django_settings()  # (configuration: findings are kept under it, graph.env)
        if not settings:  # named at run time (nautobot's `--config`): when the project requires Django, its
            # tests import model modules only after a setup (else AppRegistryNotReady), whatever it installs
            named = "django" in self.layout.packaging.texts()[0].lower()  # (a save reads no more otherwise)
            return self._any_setup(search) if named and self.finder.dependencies.requires("django") else State()
        apps = self._settings_lists(settings, search, set()).get("INSTALLED_APPS")
        if apps is None:
            return self._any_setup(search)
        modules = setup_imports(apps, lambda name: self._ours(name, search)
                                and self.finder.find_module(name, search) is not None)
        state = State()
        at = (settings, 0)  # (a failure here is never reported: each file's own imports say it)
        for done, module in enumerate(modules):
            before = state.copy()
            try:
                if self._import(state, module, at, search) is not None:
                    return State()
            except Unknown:
                for name in [m for rest in modules[done:] for m in prefixes(rest)]:
                    if before.modules.get(name, [""])[0] != DONE:
                        before.put(name, DONE)
                return before
        return state

    def _any_setup(self, search: Search) -> State:
        """A setup whose installed apps the settings do not show (readthedocs' settings are a class
        whose `INSTALLED_APPS` is a property): each app's `models` module of the project
        (Census.app_models), by the name this search path gives its file, is there complete, with
        what a run of it alone loads, as a successful setup leaves it, whatever their order; but
        one that fails alone other than in a cycle (had the setup run it, no test would run:
        each test's imports say it)."""
        census = self.store.census
        files = dict(census.modules())
        state = State()
        for name in census.app_models():
            module = self._named_here(name, files.get(name, ""), search)
            if not module or state.status(module):
                continue
            alone = State()
            try:
                failed = self._import(alone, module, ("", 0), search)
            except Unknown:
                failed = None
            if failed is not None and failed.cause.reason is not Missing.CYCLE:
                continue
            for loaded in [*(n for n, entry in alone.modules.items() if entry[0] == DONE), *prefixes(module)]:
                if loaded not in state.modules:
                    state.put(loaded, DONE)
        return state

    def _named_here(self, name: str, path: str, search: Search) -> str:
        """The name this search path gives the module file the project's root calls `name` (netbox's
        `netbox/users/models.py` is `users.models` to its tests); "" for none."""
        parts = name.split(".")
        for start in range(len(parts)):
            candidate = ".".join(parts[start:])
            loc = self.finder.find_module(candidate, search) if self._ours(candidate, search) else None
            if loc is not None and loc.file == path:
                return candidate
        return ""

    def _settings_lists(self, module: str, search: Search, seen: set[str]) -> Lists:
        """The lists of strings a first-party settings module leaves (djangoapps.settings_lists),
        following its star imports; {} for anything else."""
        loc = self.finder.find_module(module, search) if module not in seen and self._ours(module, search) else None
        if loc is None or not loc.file or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE):
            return {}
        seen.add(module)
        if self.store.summary(loc).error:  # (and the file is read: the check rests on it)
            return {}
        try:
            with open(loc.file, "rb") as f:
                tree = ast.parse(f.read())
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            return {}
        package = module if loc.kind is LocKind.PACKAGE else module.rpartition(".")[0]
        return settings_lists(tree, package, lambda target: self._settings_lists(target, search, seen))

    def _import_file(self, state: State, name: str, path: str, search: Search) -> Failure | None:
        """pytest imports a conftest or test file by its module name: its packages, then it."""
        failed = self._parents(state, name, (self.layout.relative(path), 1), search)
        if failed is not None:
            return failed
        if state.status(name):
            return None
        return self._exec(state, name, ModuleLoc.of_file(name, path), search)

    # -- a test file's own statements ---------------------------------------------------------------
    def verdicts(self, path: str, conftests: tuple[str, ...], steps: list[Step], search: Search,
                 later: Sequence[Step] = ()) -> tuple[dict[int, Failure | None], frozenset[str]]:
        """line -> how it fails (None: nobody can say), for each import a test file (or conftest)
        runs unconditionally at module level, in a fresh interpreter after its conftests; each runs
        in the state the ones before it left (a line that fails is taken to be gone); a line not
        there works. Every line after one nobody can decide is undecided too. When a conftest or
        the file's package fails, pytest never imports the file (that failure is the finding): each
        line is then the first import of a fresh interpreter. `later`: the imports that run only
        once the file is imported (in its functions), each in the state the file's imports left.
        With it, the modules that ran to their end as the file ran (none where it stopped undecided
        or never ran): no import of those surely fails."""
        found, state = self._verdicts(path, conftests, steps, search, later)
        loaded = frozenset(name for name, entry in state.modules.items() if entry[0] == DONE) if state else frozenset()
        return found, loaded

    def _verdicts(self, path: str, conftests: tuple[str, ...], steps: list[Step], search: Search,
                  later: Sequence[Step]) -> tuple[dict[int, Failure | None], State | None]:
        start = self.start(conftests, search)
        state = start.state.copy()
        module, _ = self.layout.module_name(path)
        file = self.layout.relative(path)
        found: dict[int, Failure | None] = {}
        done = 0
        try:
            if "" in state.modules:
                raise Unknown("the conftests")
            if start.broken is not None or self._parents(state, module, (file, 1), search) is not None:
                return self._alone(module, file, [*steps, *later], search), None
            for done, step in enumerate(steps):
                kind = step[3]
                if kind == "run":
                    failed = self.run_statement(state, module, step, file, search)
                    if failed is not None:
                        found.setdefault(step[2], failed)
                else:
                    self._statement(state, module, [*step[:3], "dynamic" if kind == "dynamic" else "maybe"],
                                    (file, step[2]), search)
        except Unknown:
            for step in [*steps[done:], *later]:
                found.setdefault(step[2], None)
            return found, None
        for step in later:
            try:
                failed = self.run_statement(state.copy(), module, step, file, search)
            except Unknown:
                failed = None
                found.setdefault(step[2], None)
            if failed is not None:
                found.setdefault(step[2], failed)
        return found, state

    def _alone(self, module: str, file: str, steps: list[Step], search: Search) -> dict[int, Failure | None]:
        """A file that pytest never imports (a conftest or its package fails: that is the finding):
        each of its imports as the first import of a fresh interpreter."""
        found: dict[int, Failure | None] = {}
        for step in steps:
            if step[3] == "run" and step[2] not in found:
                try:
                    failed = self.run_statement(State(), module, step, file, search)
                except Unknown:
                    found[step[2]] = None
                    continue
                if failed is not None:
                    found[step[2]] = failed
        return found

    def run_statement(self, state: State, module: str, step: Step, file: str, search: Search) -> Failure | None:
        """Run one import statement of a test file (`step` as runtime.import_steps reads it) in
        `state`, which it changes as CPython would; None when it works. Raises Unknown."""
        if "" in state.modules:
            raise Unknown("the conftests")
        clock = state.clock
        failed = self._statement(state, module, step, (file, step[2]), search, top=True)
        if failed is None:
            return None
        # a second attempt, in what the first one left: a whole-suite run imports it again later
        again = state.copy()
        try:
            second = self._statement(again, module, step, (file, step[2]), search, top=True)
        except Unknown:
            return failed
        if second is None or second.cause.file == file:  # passes, or fails for the test's own reason
            left = state.since(clock)
            rescue = failed.module if failed.module in left or not left else left[-1]
            return Failure(failed.cause, rescue, failed.module)
        return failed

    # -- CPython's import machinery -----------------------------------------------------------------
    def _statement(self, state: State, importer: str, step: Step, at: tuple[str, int],
                   search: Search, top: bool = False) -> Failure | None:
        """One import statement of `importer`; `top`: a test file's, whose failure says which
        module the statement asked for."""
        target, names, line, kind = step
        if kind == "dynamic":
            raise Unknown("a dynamic import")
        if kind == "maybe":
            self._maybe(state, target, names, search)
            return None
        if not target or not self._ours(target, search):
            return None
        failed = self._import(state, target, at, search)
        if failed is None and not names and "." in target:
            failed = self._import(state, target.split(".")[0], at, search)  # `import a.b` binds `a`
        if failed is not None or not names:
            return _asking(failed, target, top)
        if names == ["*"]:
            if state.modules[target][0] == PARTIAL and importer in state.modules:
                state.modules[importer][3] = True  # it copies only what the cycle bound so far
            return _asking(self._star(state, target, at, search), target, top)
        for name in names:
            failed = self._from(state, target, name, at, search)
            if failed is not None:
                loc = self.finder.find_module(target, search)
                sub = loc is not None and self.finder.submodule(loc, name) is not None
                return _asking(failed, f"{target}.{name}" if sub else target, top)
        return None

    def _from(self, state: State, module: str, name: str, at: tuple[str, int], search: Search) -> Failure | None:
        """`from module import name`, `module` loaded: a package without the name loads its
        submodule; then the name is taken from the module, or else from sys.modules."""
        loc = self.finder.find_module(module, search)
        if loc is None:
            raise Unknown(module)
        submodule = f"{module}.{name}"
        if self._has(state, module, loc, name, search):
            return None
        if loc.kind in (LocKind.PACKAGE, LocKind.NAMESPACE) and self.finder.submodule(loc, name) is not None:
            return self._fromlist(state, submodule, at, search)
        if state.status(submodule):
            return None
        if state.modules[module][0] == PARTIAL:
            return Failure(Cause(at[0], at[1], module, name, Missing.CYCLE))
        verdict = self.resolver.resolve_name(module, name, search)
        if verdict.verdict is not Verdict.MISSING:
            raise Unknown(submodule)
        return Failure(Cause(at[0], at[1], module, name, verdict.reason or Missing.NO_NAME))

    def _has(self, state: State, module: str, loc: ModuleLoc, name: str, search: Search) -> bool:
        """Does the loaded module hold `name` now (complete, or partly initialised)? False for a
        submodule not loaded yet (the from-import loads it)."""
        if state.status(f"{module}.{name}") == DONE or module_attribute(loc, name):
            return True  # a submodule loaded completely is set on its package; `__name__` is there from the start
        done = state.modules[module][0] == DONE
        running = state.modules[module][1]
        summary = self.store.summary(loc) if loc.file and loc.kind in (LocKind.PACKAGE, LocKind.MODULE) else None
        # a module `__getattr__` serves names only once the line that binds it has run
        lazy = summary.bound_at.get("__getattr__", [running])[0] if summary is not None else 0
        if summary is None or name not in summary.names:
            if loc.kind in (LocKind.PACKAGE, LocKind.NAMESPACE) and self.finder.submodule(loc, name) is not None:
                return False
            verdict = self.resolver.resolve_name(module, name, search, served=done or lazy <= running)
            if verdict.verdict is Verdict.MISSING:
                return False
            if verdict.verdict is Verdict.EXISTS and done and not state.modules[module][3]:
                return True
            raise Unknown(f"{module}.{name}")
        if done:
            return True
        first, always = summary.bound_at.get(name, [0, 0])
        if always and always < running:
            return True
        if first < running or lazy < running or self.store.written_into(module, name):
            raise Unknown(f"{module}.{name}")
        if any(names == ["*"] and line < running and self.resolver.star_binds(target, name, search)
               is not Verdict.MISSING for target, names, line, _ in summary.steps):
            raise Unknown(f"{module}.{name}")  # a star import above may have bound it
        return False

    def _star(self, state: State, module: str, at: tuple[str, int], search: Search) -> Failure | None:
        """`from module import *` loads the submodules its `__all__` lists, then takes each name
        it lists from the module: one a complete module does not define raises AttributeError."""
        loc = self.finder.find_module(module, search)
        if loc is None or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not loc.file:
            return None
        summary = self.store.summary(loc)
        if summary.all_names is None:
            return None
        listed = self._all_listed(loc, summary)
        if listed is None:
            if loc.kind is LocKind.PACKAGE:
                raise Unknown(module)
            return None
        names, ordered = listed
        entry = state.modules.get(module)
        complete = entry is not None and entry[0] == DONE and not entry[3]
        loads = self._star_loads(module, loc, summary, names, search)
        if not ordered and (not complete or len(loads) > 1):
            raise Unknown(module)  # a computed `__all__`: known once it ran, as a set (which loads first?)
        for submodule in loads:
            failed = self._fromlist(state, submodule, at, search)
            if failed is not None:
                return failed
        if not complete:
            return None  # partly initialised (a cycle): its `__all__` may not be bound yet
        gap = self.resolver.star_gap(module, search) if ordered else self._gap(module, loc, search)
        return Failure(Cause(at[0], at[1], module, gap, Missing.STAR_ALL)) if gap else None

    def _all_listed(self, loc: ModuleLoc, summary: ModuleSummary) -> tuple[tuple[str, ...], bool] | None:
        """The names the module's `__all__` lists, and whether in their order: a literal one's in
        order; a sum of other modules' (summary.all_from, read from the summaries) as a set;
        None when nobody can say (built otherwise, changed, bound in some branches only)."""
        if summary.all_names is None or summary.all_unknown or summary.all_conditional:
            return None
        if not summary.all_inferred:
            return tuple(summary.all_names), True
        known = self.resolver.all_names(loc) if summary.all_from is not None else None
        return None if known is None else (tuple(sorted(known)), False)

    def _star_loads(self, module: str, loc: ModuleLoc, summary: ModuleSummary, names: Sequence[str],
                    search: Search) -> list[str]:
        """The submodules `from module import *` loads: those `__all__` lists that the package
        does not bind itself."""
        if loc.kind is not LocKind.PACKAGE:
            return []
        return [f"{module}.{name}" for name in names
                if name not in summary.names and self.finder.find_module(f"{module}.{name}", search) is not None]

    def _gap(self, module: str, loc: ModuleLoc, search: Search) -> str:
        """star_gap for a computed `__all__` known as a set: the one name it lists that the complete
        module does not define, "" when there is none; Unknown when there are more (which first?)."""
        missing = self.resolver.summed_gaps(module, loc, search)
        if missing is None or len(missing) > 1:
            raise Unknown(module)
        return missing[0] if missing else ""

    def _fromlist(self, state: State, submodule: str, at: tuple[str, int], search: Search) -> Failure | None:
        """A from-import loads a submodule its package lacks with `__import__(submodule)`, which
        then returns the top-level package: loaded again if it is not in sys.modules (it is not
        when it failed earlier and left the package behind)."""
        failed = self._import(state, submodule, at, search)
        if failed is None:
            failed = self._import(state, submodule.split(".")[0], at, search)
        return failed

    def _maybe(self, state: State, target: str, names: list[str], search: Search) -> None:
        """An import that may run or not: whatever it may load may be in sys.modules or not."""
        if not target or not self._ours(target, search):
            return
        for module in [*prefixes(target), *(f"{target}.{n}" for n in names if n != "*")]:
            if self._known(state, module):
                continue
            for reached in (module, *self.reach(module, search)):
                if reached not in state.modules:
                    state.put(reached, MAYBE)

    def _namespace(self, module: str, search: Search) -> bool:
        loc = self.finder.find_module(module, search)
        return loc is not None and loc.kind is LocKind.NAMESPACE

    def _known(self, state: State, module: str) -> bool:
        entry = state.modules.get(module)
        return entry is not None and entry[0] != MAYBE

    def _ours(self, module: str, search: Search) -> bool:
        return self.finder.is_first_party(module.split(".")[0], search)

    def _parents(self, state: State, name: str, at: tuple[str, int], search: Search) -> Failure | None:
        parent = name.rpartition(".")[0]
        if parent and not state.status(parent):
            return self._import(state, parent, at, search)
        return None

    def _import(self, state: State, name: str, at: tuple[str, int], search: Search) -> Failure | None:
        """`importlib.import_module(name)`: None when it works."""
        if state.status(name):
            return None
        if not self._ours(name, search):
            return None
        failed = self._parents(state, name, at, search)
        if failed is not None:
            return failed
        if state.status(name):
            return None  # the parent loaded it
        parent, grand = name.rpartition(".")[0], name.rpartition(".")[0].rpartition(".")[0]
        if grand and not state.status(grand) and self._namespace(parent, search):
            raise Unknown(name)  # a namespace whose parent failed: CPython raises KeyError finding in it
        verdict = self.resolver.resolve_module(name, search)
        if verdict.verdict is Verdict.UNKNOWN:
            raise Unknown(name)
        if verdict.verdict is Verdict.MISSING:
            reason = verdict.reason or Missing.NO_MODULE
            real = self.resolver.case_twin(name, search) if reason is Missing.CASE else ""
            return Failure(Cause(at[0], at[1], name, "", reason, real and self.layout.relative(real)))
        loc = self.finder.find_module(name, search)
        if loc is None:
            raise Unknown(name)
        if loc.kind is LocKind.NAMESPACE:
            state.put(name, DONE)
            return None
        plan = self._plan(name, search) if self.plans else None
        if plan is not None and all(_complete(state.modules.get(module)) for module in plan.asked) and all(
                _there(state.modules.get(package)) for package in plan.packages):
            for module in plan.order:
                if module not in state.modules:
                    state.put(module, DONE)
            return None
        return self._exec(state, name, loc, search)

    def _plan(self, name: str, search: Search) -> Plan | None:
        """The modules a run of `name` from an empty sys.modules puts there, in order, when no
        run of it can fail while none of them is running or maybe loaded: see the module doc.
        None otherwise (then its statements are replayed)."""
        return self._plans.get((name, search), lambda: self._planned(name, search), pending=None)

    def _planned(self, name: str, search: Search) -> Plan | None:
        loc = self.finder.find_module(name, search)
        if loc is None:
            return None
        if loc.kind is LocKind.NAMESPACE:
            return Plan((name,), (name,), ())
        if loc.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not loc.file:
            return None
        summary = self.store.summary(loc)
        if summary.error or summary.dynamic or self.resolver.registers_ours(summary, search) or \
                summary.path_dynamic or self.resolver.handed_over(summary, search) or \
                self.resolver.first_unbound(loc, summary, search) is not None:
            return None
        order, seen, asked = [name], {name}, {name}
        packages: set[str] = set()

        def load(module: str) -> bool:
            """The import of a module that exists: its plan after what is there (False: none)."""
            if module in seen:
                return True
            if self.resolver.resolve_module(module, search).verdict is not Verdict.EXISTS:
                return False
            plan = self._plan(module, search)
            if plan is None:
                return False
            packages.update(p for p in plan.packages if p not in seen)
            order.extend(m for m in plan.order if m not in seen)
            seen.update(plan.order)
            asked.update(plan.asked)
            return True

        for target, names, _, kind in summary.steps:
            if kind != "run" and not kind.startswith("try:"):  # in a `try`, an import that cannot fail runs on
                return None
            if not target or not self._ours(target, search):
                continue
            # the module's own packages are there when it runs (running, or complete), unless they
            # failed and left it behind: each must be there for the plan to hold
            packages.update(prefix for prefix in prefixes(target) if name.startswith(prefix + "."))
            if not all(load(prefix) for prefix in prefixes(target) if not name.startswith(prefix + ".")):
                return None
            found = self.finder.find_module(target, search)
            if found is None or target == name:
                return None
            source = found.file and found.kind in (LocKind.PACKAGE, LocKind.MODULE)
            if name.startswith(target + "."):  # from its own package, maybe partly initialised: submodules only
                bound = self.store.summary(found).names if source else {}
                for imported in names:
                    submodule = f"{target}.{imported}"
                    asked.add(submodule)
                    if imported == "*" or imported in bound or self.finder.submodule(found, imported) is None \
                            or not load(submodule):
                        return None
                continue
            if names == ["*"]:
                if source and not self._star_planned(target, found, search, load, asked):
                    return None
                continue
            bound = self.store.summary(found).names if source else {}
            for imported in names:  # _from and _has on a complete module
                submodule = f"{target}.{imported}"
                asked.add(submodule)  # looked for in sys.modules first (a maybe-import may have put it)
                if submodule in seen or imported in bound:
                    continue
                if self.finder.submodule(found, imported) is None or not load(submodule):
                    return None
        return Plan(tuple(order), tuple(sorted(asked)), tuple(sorted(packages)))

    def _star_planned(self, target: str, found: ModuleLoc, search: Search, load: Callable[[str], bool],
                      asked: set[str]) -> bool:
        """`from target import *` of a complete module, as _star runs it: the submodules a
        package's literal `__all__` lists are loaded (`load`), and it cannot fail (no name it
        lists is missing); False when it may."""
        summary = self.store.summary(found)
        if summary.all_names is None:
            return True
        listed = self._all_listed(found, summary)
        if listed is None:
            return found.kind is not LocKind.PACKAGE
        names, ordered = listed
        loads = self._star_loads(target, found, summary, names, search)
        if not ordered and len(loads) > 1:
            return False
        for submodule in loads:
            asked.add(submodule)
            if not load(submodule):
                return False
        if ordered:
            return not self.resolver.star_gap(target, search)
        try:
            return not self._gap(target, found, search)
        except Unknown:
            return False

    def _exec(self, state: State, name: str, loc: ModuleLoc, search: Search) -> Failure | None:
        """Run a module's code: in sys.modules while it runs, removed if it fails."""
        if loc.kind not in (LocKind.PACKAGE, LocKind.MODULE) or not loc.file:
            raise Unknown(name)
        summary = self.store.summary(loc)
        dynamic = summary.dynamic_at_import and summary.dynamic_at_import != "module __getattr__"
        if summary.error or dynamic or self.resolver.registers_ours(summary, search) or summary.path_dynamic or \
                self.resolver.handed_over(summary, search):
            raise Unknown(name)  # handed over: its `__name__` to first-party code that writes sys.modules
        here = self.layout.relative(loc.file)
        unbound = self.resolver.first_unbound(loc, summary, search)
        entry = state.put(name, PARTIAL)
        skipping = ""
        for step in summary.steps:
            kind = step[3]
            if kind == skipping:
                continue
            if unbound is not None and step[2] > unbound[1]:
                break  # the read comes first
            entry[1] = step[2]
            failed = self._statement(state, name, step, (here, step[2]), search)
            if failed is not None:
                if kind.startswith("try:"):
                    skipping = kind  # swallowed: the rest of the `try` body does not run
                    continue
                del state.modules[name]
                return failed
        if unbound is not None:
            del state.modules[name]
            return Failure(Cause(here, unbound[1], name, unbound[0], Missing.UNBOUND))
        entry[0], entry[1] = DONE, 0
        return None

    def reach(self, module: str, search: Search) -> frozenset[str]:
        """Every first-party module that running `module` may load: what any import it may run
        names (the packages on the way, the submodules a from-import names), and what those load."""
        return self._reach.get((module, search), lambda: self._reached(module, search), pending=frozenset())

    def _reached(self, module: str, search: Search) -> frozenset[str]:
        seen: set[str] = set()
        todo = [module]
        while todo:
            current = todo.pop()
            loc = self.finder.find_module(current, search)
            if loc is None or not loc.file or loc.kind not in (LocKind.PACKAGE, LocKind.MODULE):
                continue
            for target, names, _, _ in self.store.summary(loc).steps:
                if not target or not self._ours(target, search):
                    continue
                found = prefixes(target) + [f"{target}.{n}" for n in names if n != "*"]
                if "*" in names:
                    found += [f"{target}.{n}" for n in self._listed(target, search)]
                for other in found:
                    if other not in seen and self.finder.find_module(other, search) is not None:
                        seen.add(other)
                        todo.append(other)
        seen.discard(module)
        return frozenset(seen)

    def _listed(self, target: str, search: Search) -> list[str]:
        loc = self.finder.find_module(target, search)
        summary = self.store.summary(loc) if loc is not None and loc.file else None
        if summary is None:
            return []
        listed = self._all_listed(loc, summary) if loc is not None else None
        return list(listed[0]) if listed is not None else list(summary.all_names or ())


def _complete(entry: list[Any] | None) -> bool:
    """Is a module absent from sys.modules, or there complete (holding every name it binds)?"""
    return entry is None or entry[0] == DONE and not entry[3]


def _there(entry: list[Any] | None) -> bool:
    """Is a module in sys.modules, running or complete (not maybe)?"""
    return entry is not None and entry[0] in (PARTIAL, DONE)


def _asking(failed: Failure | None, module: str, top: bool) -> Failure | None:
    """The failure of a test file's statement, with the module it asked for."""
    if failed is None or not top:
        return failed
    return Failure(failed.cause, failed.rescue, module)
