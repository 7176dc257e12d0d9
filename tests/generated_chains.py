"""Forms that make imports fail through other modules, or rescue only some names (tests/generated.py
puts them in): broken import chains, bounded and unbounded module `__getattr__`s, namespace
directories inside regular packages.

A *break* is an import that a module runs unconditionally at module level and that surely fails
(a name its module lacks, a module that is not there, a file name in another case): importing the
module fails, and so does importing anything that runs it (its children, the packages and
helpers that re-export from it). Its silent twins run the same import only in a function, under
`if TYPE_CHECKING:`, in an `if` that is never taken, or in a `try` that catches ImportError.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from generated_forms import FALSE_TEST, MODULE, NAMESPACE, PACKAGE, Mod

if TYPE_CHECKING:
    from generated import _Gen

BREAK_RATE = 0.06  # of modules: each breaks every import that reaches it, so they stay a minority
TWIN_RATE = 0.1  # of modules: the same import, where it cannot make the module fail


def header_end(mod: Mod) -> int:
    """Where a module's own forms start (after its star import of a cycle partner and its imports)."""
    return 4 if mod.partner else 3


def broken_import(g: _Gen, mod: Mod) -> list[str]:
    """One import statement that surely fails: a missing name, a missing module, a case-only name."""
    # not the module's star-import partner: it re-exports this module's own imports, so a name
    # imported from it "exists" in a circle (a blind spot of the resolver, not of the chains)
    sources = [s for s in g.sources(mod) if s.name != mod.name and mod.short not in (s.partner, s.short)]
    roll = g.rng.random()
    if sources and roll < 0.5:
        return [f"from {g.ref(mod, g.rng.choice(sources))} import {g.fresh(g.rng.random() < 0.5)}"]
    lower = [s for s in sources if s.short.islower() and s.short.title() != s.short]
    if lower and roll < 0.65:
        src = g.rng.choice(lower)
        head = src.name.rpartition(".")[0]
        return [f"import {head + '.' if head else ''}{src.short.title()}"]  # `User.py` on disk, `user` asked
    g.count += 1
    return [g.rng.choice([f"from .gone{g.count} import thing", f"import {mod.name.split('.')[0]}.gone{g.count}"])
            if mod.package else f"import {mod.name.split('.')[0]}.gone{g.count}"]


def chain_break(g: _Gen, mod: Mod) -> None:
    """A break, right after the module's header or at its end (what runs before it completes)."""
    lines = broken_import(g, mod)
    at = header_end(mod) if g.rng.random() < 0.5 else len(mod.lines)
    mod.lines[at:at] = lines


def quiet_break(g: _Gen, mod: Mod) -> None:
    """The same failing import where it cannot make the module fail."""
    line = broken_import(g, mod)[0]
    g.count += 1
    bound = f"_fallback{g.count}"
    mod.lines += g.rng.choice([
        [f"def _later{g.count}():", f"    {line}"],
        ["if TYPE_CHECKING:", f"    {line}"],
        [f"if {FALSE_TEST}:", f"    {line}"],
        ["try:", f"    {line}", "except ImportError:", f"    {bound} = None"],
    ])


def lazy(g: _Gen, mod: Mod) -> None:
    """A module `__getattr__`: bounded (it serves the names it lists) or not (computed, by spelling)."""
    if "__getattr__" in mod.bound:
        return
    names = [g.fresh(True) for _ in range(2)]
    g.count += 1
    table = f"_LAZY{g.count}"
    forms = {
        "or": [["def __getattr__(name):", f"    if name == {names[0]!r} or name == {names[1]!r}:",
                "        return name", "    raise AttributeError(name)"], True],
        "match": [["def __getattr__(name):", "    match name:", f"        case {names[0]!r} | {names[1]!r}:",
                   "            return name", "        case _:", "            raise AttributeError(name)"], True],
        "table": [[f"{table} = {{{names[0]!r}: 1, {names[1]!r}: 2}}", "def __getattr__(name):",
                   f"    if name not in {table}:", "        raise AttributeError(name)",
                   f"    return {table}[name]"], True],
        "computed": [[f"{table} = {{n.upper() for n in {[n.lower() for n in names]!r}}}",
                      "def __getattr__(name):", f"    if name.upper() in {table}:", "        return name",
                      "    raise AttributeError(name)"], False],
        "spelling": [["def __getattr__(name):", f"    if name.startswith({names[0][:3]!r}):", "        return name",
                      "    raise AttributeError(name)"], False],
    }
    lines, bounded = forms[g.rng.choice(sorted(forms))]
    mod.lines += lines
    mod.bound.append("__getattr__")
    mod.lazy += names if bounded else [*names, g.fresh(True)]


def data_dir(g: _Gen, mod: Mod) -> None:
    """A directory without `__init__.py` or any module inside a package (templates, fixtures): a
    namespace that nothing else can add to; importing anything from it fails."""
    g.count += 1
    child = Mod(f"{mod.name}.data{g.count}", NAMESPACE)
    g.mods[child.name] = child
    mod.children.append(child.name)
    g.extra[f"{child.name.replace('.', '/')}/page.txt"] = "data\n"


CYCLE_RATE = 0.3  # of packages: a pair of modules that import each other, names bound around the import
FAILED_PARENT_RATE = 0.2  # of packages: a subpackage whose __init__ loads a submodule, then breaks


def partial_cycle(g: _Gen, package: Mod) -> None:
    """Two modules that import each other: `x` binds a name, imports `y`, binds another; `y` takes
    the first name from `x` (it is there when `x` is entered first) and, half the time, the second
    (it is not: `x` is only partly initialised then); a third enters the cycle through `y`."""
    g.count += 1
    n = g.count
    x, y, z = (Mod(f"{package.name}.cyc_{k}{n}", MODULE) for k in "xyz")
    early, late, helper = f"EARLY{n}", f"LATE{n}", f"helper{n}"
    into_y = g.rng.choice([f"from {package.name} import {y.short}", f"from . import {y.short}",
                           f"import {y.name}", f"from .{y.short} import {helper}"])
    x.lines = [f"{early} = 1", into_y, f"{late} = 2"]
    x.bound = [early, late] + ([helper] if "helper" in into_y else [])
    y.lines = [f"from {x.name} import {early}"] + ([f"from {x.name} import {late}"] if g.rng.random() < 0.5 else [])
    y.lines += [f"def {helper}():", f"    return {early}"]
    y.bound = [early, helper] + [late for line in y.lines if late in line][:1]
    z.lines = [f"from {y.name} import {helper}", f"VALUE{n} = {helper}()"]
    z.bound = [helper, f"VALUE{n}"]
    for mod in (x, y, z):
        g.mods[mod.name] = mod
        package.children.append(mod.name)


def failed_parent(g: _Gen, package: Mod) -> None:
    """A subpackage whose `__init__` loads a submodule (and takes a name from it), then imports a
    module that is not there: the submodule stays in sys.modules after the package fails."""
    g.count += 1
    n = g.count
    sub = Mod(f"{package.name}.shaky{n}", PACKAGE)
    loaded, later = Mod(f"{sub.name}.loaded{n}", MODULE), Mod(f"{sub.name}.later{n}", MODULE)
    thing = f"Thing{n}"
    loaded.lines, loaded.bound = [f"class {thing}:", "    pass"], [thing]
    later.lines, later.bound = [f"LATER{n} = 1"], [f"LATER{n}"]
    sub.lines = [g.rng.choice([f"from . import loaded{n}", f"import {loaded.name}", f"from .loaded{n} import {thing}"]),
                 f"from .gone{n} import missing{n}"]
    sub.bound = [thing] if thing in sub.lines[0] else [f"loaded{n}"]
    sub.children = [loaded.name, later.name]
    for mod in (sub, loaded, later):
        g.mods[mod.name] = mod
    package.children.append(sub.name)


def fresh_forms(g: _Gen) -> None:
    """Cycles with a partly initialised module and failing parents, added to the finished tree
    (nothing generated earlier imports them; the test module, its helpers and conftest may)."""
    for package in [m for m in list(g.mods.values()) if m.kind == PACKAGE]:
        if g.rng.random() < CYCLE_RATE:
            partial_cycle(g, package)
        if g.rng.random() < FAILED_PARENT_RATE:
            failed_parent(g, package)
