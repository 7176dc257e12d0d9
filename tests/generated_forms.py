"""The forms a generated module binds names in (tests/generated.py puts them together).

Each form appends source lines to a module and records what it knows: names surely bound once
the module has run (`bound`), names a static reader sees bound that CPython never binds (`may`),
names that appear in the source but are never module attributes (`decoys`), and the like.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generated import _Gen  # the generator hands itself to every form


WORDS = ("user", "order", "session", "account", "invoice", "token", "agent", "thread", "message",
         "plan", "report", "event", "cart", "price")
PARTS = ("models", "core", "api", "util", "db", "services", "views", "schemas", "store", "tasks", "données")
TOPS = ("app", "backend", "svc", "shop")
TRUE_TEST = "sys.version_info >= (3,)"
FALSE_TEST = 'sys.platform == "no-such-platform"'
PACKAGE, MODULE, NAMESPACE = "package", "module", "namespace"


@dataclass
class Mod:
    name: str
    kind: str
    lines: list[str] = field(default_factory=list)
    bound: list[str] = field(default_factory=list)  # surely bound once the module has run
    exported: list[str] | None = None  # names `from mod import *` surely binds
    has_all: bool = False
    may: set[str] = field(default_factory=set)  # the tool sees them bound; CPython never binds them
    decoys: list[str] = field(default_factory=list)  # in the source, never a module attribute
    tc: list[str] = field(default_factory=list)  # bound only under TYPE_CHECKING
    lazy: list[str] = field(default_factory=list)  # served by a module __getattr__
    children: list[str] = field(default_factory=list)
    partner: str = ""  # a star-import cycle: each module starts with `from .partner import *`
    virtual: list[str] = field(default_factory=list)  # submodules found through __path__ or sys.modules
    at: str = ""  # where the file is, when not where its name says (reached through __path__)
    stub: list[str] = field(default_factory=list)  # names a .pyi beside the module lists, source lacks
    injected: list[str] = field(default_factory=list)  # set on this module by another one, at import
    classes: dict[str, list[str]] = field(default_factory=dict)  # class -> its attributes (generated_runtime)
    instance: dict[str, list[str]] = field(default_factory=dict)  # class -> attributes set on instances only

    @property
    def short(self) -> str:
        return self.name.rpartition(".")[2]

    @property
    def package(self) -> str:
        return self.name if self.kind != MODULE else self.name.rpartition(".")[0]

    def path(self, base: str) -> str:
        if self.at:
            return base + self.at
        rel = self.name.replace(".", "/")
        if self.kind == PACKAGE:
            return f"{base}{rel}/__init__.py"
        return f"{base}{rel}.py" if self.kind == MODULE else ""


def _def(g: _Gen, mod: Mod) -> None:
    kind = g.rng.choice(["def", "async", "class", "assign", "ann", "unpack", "for", "with", "walrus", "call"])
    a, b = g.fresh(kind == "class"), g.fresh()
    lines = {
        "def": [f"def {a}():", "    return 1"],
        "async": [f"async def {a}():", "    return 1"],
        "class": [f"class {a}:", f"    {b} = 1"],
        "assign": [f"{a} = 1"],
        "ann": [f"{a}: int = 1", f"{b}: int"],
        "unpack": [f"{a}, ({b}, *_rest{g.count}) = 1, (2, 3)"],
        "for": [f"for {a} in range(2):", "    pass", f"for {b} in ():", "    pass"],
        "with": ["import contextlib", f"with contextlib.nullcontext() as {a}:", "    pass"],
        "walrus": [f"if ({a} := 1):", "    pass"],
        "call": [f"def _set_{a}():", f"    global {a}, {b}", f"    {a} = 1", f"_set_{a}()",
                 f"def _never_{b}():", f"    global {b}", f"    {b} = 1"],
    }[kind]
    mod.lines += lines
    mod.bound.append(a)
    if kind in ("class", "ann"):
        mod.decoys.append(b)  # a class attribute; a bare annotation
    elif kind in ("unpack",):
        mod.bound.append(b)
    elif kind in ("for", "call"):
        mod.may.add(b)  # a loop over nothing; a function nobody calls
    if kind == "with":
        mod.bound.append("contextlib")


def _branches(g: _Gen, mod: Mod) -> None:
    a, b = g.fresh(), g.fresh(True)
    kind = g.rng.choice(["if-else", "if-true", "if-false", "try-else", "try-import", "try-pass", "while", "match"])
    if kind == "if-else":
        mod.lines += [f"if {g.rng.choice([TRUE_TEST, FALSE_TEST])}:", f"    {a} = 1", "else:", f"    {a} = 2"]
    elif kind == "if-true":
        mod.lines += [f"if {TRUE_TEST}:", f"    {a} = 1", "else:", f"    {b} = 2"]
        mod.may.add(b)
    elif kind == "if-false":
        mod.lines += [f"if {FALSE_TEST}:", f"    {b} = 1", "elif True:", f"    {a} = 2"]
        mod.may.add(b)
    elif kind == "try-else":
        mod.lines += ["try:", f"    {a} = 1", "except Exception:", f"    {b} = 2"]
        mod.may.add(b)
    elif kind == "try-import":
        mod.lines += ["try:", f"    from ._no_such_speedups import {a}", "except ImportError:", f"    {a} = None"]
    elif kind == "try-pass":
        mod.lines += ["try:", f"    from _no_such_lib import {b}", "except ImportError:", "    pass", f"{a} = 1"]
        mod.may.add(b)
    elif kind == "while":
        mod.lines += ["while False:", f"    {b} = 1", f"{a} = 1"]
        mod.may.add(b)
    else:
        mod.lines += ["match {'k': 1}:", f"    case {{'z': {b}}}:", "        pass",
                      f"    case {{'k': {a}}}:", "        pass"]
        mod.may.add(b)
    mod.bound.append(a)


def _reexport(g: _Gen, mod: Mod) -> None:
    sources = [s for s in g.sources(mod) if s.bound]
    if not sources:
        return _def(g, mod)
    src = g.rng.choice(sources)
    frm = g.ref(mod, src)
    name = g.rng.choice(src.bound)
    roll = g.rng.random()
    if roll < 0.4:
        mod.lines.append(f"from {frm} import {name}")
        mod.bound.append(name)
    elif roll < 0.6:
        alias = g.fresh(name[:1].isupper())
        mod.lines.append(f"from {frm} import {name} as {alias}")
        mod.bound.append(alias)
    elif roll < 0.8:
        mod.lines.append(f"import {src.name}")
        mod.bound.append(src.name.split(".")[0])
    else:
        alias = f"_mod{g.count}"
        g.count += 1
        mod.lines.append(f"import {src.name} as {alias}")
        mod.bound.append(alias)


def _star(g: _Gen, mod: Mod) -> None:
    sources = [s for s in g.sources(mod) if s.exported is not None]
    if g.rng.random() < 0.05:
        mod.lines.append("from os.path import *")  # not first-party: what it binds is not followed
        mod.bound += ["join", "dirname"]
        return
    if not sources:
        return _def(g, mod)
    src = g.rng.choice(sources)
    mod.lines.append(f"from {g.ref(mod, src)} import *")
    mod.bound += src.exported or []
    if not src.has_all:  # no __all__, or one bound in a branch: public names may come along
        mod.may |= {n for n in src.may | set(src.bound) if not n.startswith("_")} - set(src.exported or ())


def _type_checking(g: _Gen, mod: Mod) -> None:
    sources = [s for s in g.sources(mod) if s.bound]
    name = g.fresh(True)
    test = g.rng.choice(["TYPE_CHECKING", "False"])
    if sources:
        src = g.rng.choice(sources)
        frm = g.ref(mod, src)
        name = g.rng.choice(src.bound)
        mod.lines += [f"if {test}:", f"    from {frm} import {name}"]
    else:
        mod.lines += [f"if {test}:", f"    {name} = 1"]
    if name not in mod.bound:
        mod.tc.append(name)


def _getattr(g: _Gen, mod: Mod) -> None:
    if "__getattr__" in mod.bound:
        return
    names = [g.fresh(True) for _ in range(2)]
    mod.lines += ["def __getattr__(name):", f"    if name in {names!r}:", "        return name",
                  "    raise AttributeError(name)"]
    mod.bound.append("__getattr__")
    mod.lazy += names


def _dynamic(g: _Gen, mod: Mod) -> None:
    a = g.fresh()
    mod.lines.append(g.rng.choice([f"globals()[{a!r}] = 1", f"globals().update({a}=1)",
                                   f"exec({a + ' = 1'!r})", f"vars()[{a!r}] = 1"]))
    mod.bound.append(a)


def _registered(g: _Gen, mod: Mod) -> None:
    """A submodule that exists only in sys.modules (six.moves style), or only through __path__."""
    g.count += 1
    if mod.kind != PACKAGE or g.rng.random() < 0.5:
        name = f"virtual{g.count}"
        mod.lines.append(f"sys.modules[__name__ + '.{name}'] = sys")
        mod.virtual.append(name)
        return
    name, extra = f"plug{g.count}", f"_extra{g.count}"
    if g.rng.random() < 0.7:
        mod.lines += ["import os", f"__path__.append(os.path.join(os.path.dirname(__file__), {extra!r}))"]
    else:
        mod.lines += ["import os", f"__path__ = __path__ + [os.path.join(os.path.dirname(__file__), {extra!r})]"]
    plug = g.mods[f"{mod.name}.{name}"] = Mod(f"{mod.name}.{name}", MODULE, ["import sys"],
                                              at=f"{mod.name.replace('.', '/')}/{extra}/{name}.py")
    for _ in range(2):
        _def(g, plug)
    mod.virtual.append(name)
    mod.bound.append("os")


def _inject(g: _Gen, mod: Mod) -> None:
    """Set an attribute on another module (an ancestor package, or one imported earlier)."""
    ancestors = [g.mods[mod.name.rsplit(".", i)[0]] for i in range(1, mod.name.count(".") + 1)]
    target = g.rng.choice(ancestors + g.sources(mod))
    attr, alias = g.fresh(), f"_target{g.count}"
    forms = [[f"import {target.name} as {alias}", f"{alias}.{attr} = 1"]]
    parts, running = target.name.split("."), {mod.name} | {a.name for a in ancestors}
    if not any(".".join(parts[:i]) in running for i in range(2, len(parts) + 1)):
        # `a.b.x = 1` looks b up on a: bound only once a.b has finished running
        forms += [[f"import {target.name}", f"{target.name}.{attr} = 1"],
                  [f"import {target.name}", f"setattr({target.name}, {attr!r}, 1)"],
                  [f"def _register{g.count}():", f"    import {target.name}", f"    {target.name}.{attr} = 1",
                   f"_register{g.count}()"]]
    lines = g.rng.choice(forms)
    mod.lines += lines
    if not lines[0].startswith("def "):  # a function's import binds nothing in the module
        mod.bound.append(alias if " as " in lines[0] else target.name.split(".")[0])
    target.injected.append(attr)


def _deleted(g: _Gen, mod: Mod) -> None:
    a = g.fresh()
    mod.lines += [f"{a} = 1", f"del {a}"]
    mod.decoys.append(a)


def _local(g: _Gen, mod: Mod) -> None:
    a, b = g.fresh(), g.fresh()
    mod.lines += [f"def {a}():", f"    {b} = 1", f"    return {b}"]
    mod.bound.append(a)
    mod.decoys.append(b)


FORMS = ((_def, 6), (_branches, 3), (_reexport, 4), (_star, 2), (_type_checking, 1), (_deleted, 1), (_local, 1))
CYCLE_FORMS = (_def, _branches, _deleted, _local)
DYNAMIC_FORMS = (_getattr, _dynamic, _registered, _inject)  # names appear that no statement shows
DYNAMIC_RATE = 0.15  # of modules: each makes its missing names UNKNOWN, so they stay a minority
