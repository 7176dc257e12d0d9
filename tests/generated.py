"""Random mini-projects for the differential test (tests/differential.py judges them).

`generate(seed)` writes nothing; it returns a `Project`: the files of a small first-party
package tree whose modules define names in every form the product promises to read, and a
test module that imports random real and random nonexistent modules and names, one
statement per line.

The generator also records what it knows that a static reader cannot: names the tool will
see bound that CPython never binds (a branch not taken, a loop over nothing, a function
never called). When CPython fails on such a name and the tool is silent, that silence is
by design; it is counted, not forgiven silently.

Generated projects are valid: every module imports cleanly on its own (re-exports and star
imports only name what surely exists, and a module imports only modules generated before
it, in post-order, so no import runs into a partially initialised module), except where a form
means it not to: a break (generated_chains), a pair of modules that import each other with names
bound after the import, a package that fails after loading a submodule (fresh_forms).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from generated_chains import BREAK_RATE, TWIN_RATE, chain_break, data_dir, fresh_forms, lazy, quiet_break
from generated_runtime import class_form, runtime_statement
from generated_forms import (
    CYCLE_FORMS, DYNAMIC_FORMS, DYNAMIC_RATE, FALSE_TEST, FORMS, MODULE, NAMESPACE, PACKAGE, PARTS, TOPS,
    TRUE_TEST, WORDS, Mod,
)


@dataclass
class Project:
    seed: int
    files: dict[str, str]  # relative path -> source ("" content allowed; a path ending in / is a dir)
    test_file: str  # relative path of the test module
    lines: dict[int, str]  # test-file line -> the statement on it (an import, a patch, an attribute read)
    may: set[tuple[str, str]]  # (module, name) pairs the tool may see bound though CPython does not


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.count = 0
        self.mods: dict[str, Mod] = {}
        self.order: list[str] = []  # post-order: children before parents
        self.extra: dict[str, str] = {}  # files beside the modules (relative to the source root)

    def fresh(self, cls: bool = False) -> str:
        self.count += 1
        word = self.rng.choice(WORDS)
        return f"{word.title()}{self.count}" if cls else f"{word}_{self.count}"

    # -- the package tree -----------------------------------------------------------------
    def tree(self, name: str, kind: str, depth: int) -> None:
        mod = self.mods[name] = Mod(name, kind)
        if kind != MODULE:
            for _ in range(self.rng.randint(1, 4 if depth < 2 else 2)):
                roll = self.rng.random()
                child = MODULE if depth >= 3 or roll < 0.6 else PACKAGE if roll < 0.9 else NAMESPACE
                self.count += 1  # short names unique in the project: no attribute shadows a submodule
                child_name = f"{name}.{self.rng.choice(PARTS)}{self.count}"
                self.tree(child_name, child, depth + 1)
                mod.children.append(child_name)
            if self.rng.random() < 0.15:
                self.count += 1
                first, second = f"{name}.cycle_a{self.count}", f"{name}.cycle_b{self.count}"
                self.mods[first] = Mod(first, MODULE, partner=second.rpartition(".")[2])
                self.mods[second] = Mod(second, MODULE, partner=first.rpartition(".")[2])
                mod.children += [first, second]
                self.order += [first, second]
        self.order.append(name)

    # -- module bodies ----------------------------------------------------------------------
    def ref(self, importer: Mod, target: Mod) -> str:
        """How `importer` spells `target` in a from-import: absolute, or relative half the time."""
        if self.rng.random() < 0.5:
            return target.name
        base = importer.package.split(".")
        parts = target.name.split(".")
        common = 0
        while common < min(len(base), len(parts)) and base[common] == parts[common]:
            common += 1
        if common == 0:
            return target.name
        level = len(base) - common + 1
        return "." * level + ".".join(parts[common:])

    def sources(self, mod: Mod) -> list[Mod]:
        index = self.order.index(mod.name)
        return [self.mods[n] for n in self.order[:index] if self.mods[n].kind != NAMESPACE]

    def body(self, mod: Mod) -> None:
        if mod.partner:
            mod.lines.append(f"from .{mod.partner} import *")
        mod.lines += ["import sys", "from typing import TYPE_CHECKING", ""]
        forms = [(f, w) for f, w in (*FORMS, (class_form, 2)) if not mod.partner or f in CYCLE_FORMS]
        for form in self.rng.choices([f for f, _ in forms], [w for _, w in forms], k=self.rng.randint(2, 8)):
            form(self, mod)
        if not mod.partner and self.rng.random() < DYNAMIC_RATE:
            self.rng.choice(DYNAMIC_FORMS)(self, mod)
        if mod.kind == PACKAGE and mod.children and self.rng.random() < 0.4:
            child = self.mods[self.rng.choice(mod.children)]
            mod.lines.append(f"from . import {child.short}")
            mod.bound.append(child.short)
        self.dunder_all(mod)
        self.chains(mod)
        if mod.partner.startswith("cycle_a"):  # both halves done: each may or may not see the other's names
            other = self.mods[f"{mod.package}.{mod.partner}"]
            mod.may |= {n for n in other.bound if not n.startswith("_")} - set(mod.bound)
            other.may |= {n for n in mod.bound if not n.startswith("_")} - set(other.bound)

    def chains(self, mod: Mod) -> None:
        """Breaks, their silent twins, bounded __getattr__s and data directories (generated_chains)."""
        if not mod.partner and self.rng.random() < 0.06:
            lazy(self, mod)
        if self.rng.random() < BREAK_RATE:
            chain_break(self, mod)
        if self.rng.random() < TWIN_RATE:
            quiet_break(self, mod)
        if mod.kind == PACKAGE and self.rng.random() < 0.1:
            data_dir(self, mod)

    def dunder_all(self, mod: Mod) -> None:
        public = sorted({n for n in mod.bound if not n.startswith("_")})
        if self.rng.random() < 0.5:  # no __all__: a star import binds the public names
            mod.exported = public
            return
        mod.has_all = True
        listed = self.rng.sample(public, self.rng.randint(0, len(public))) if public else []
        if mod.kind == PACKAGE and mod.children and self.rng.random() < 0.3:
            listed.append(self.mods[self.rng.choice(mod.children)].short)  # star imports it
        based = [s for s in self.sources(mod) if s.has_all and not mod.partner]
        roll = self.rng.random()
        if based and roll < 0.15:  # __all__ extends another module's: astroid follows the import
            src = self.rng.choice(based)
            self.count += 1
            mod.lines += [f"from {self.ref(mod, src)} import *",
                          f"from {self.ref(mod, src)} import __all__ as _base_all{self.count}",
                          f"__all__ = list(_base_all{self.count}) + {listed!r}"]
            mod.bound += src.exported or []
            mod.exported = sorted(set(listed) | set(src.exported or ()))
            return
        head, tail = listed[: len(listed) // 2], listed[len(listed) // 2:]
        forms = [
            [f"__all__ = {listed!r}"],
            [f"__all__ = {head!r}", f"__all__ += {tail!r}"],
            [f"__all__ = {head!r}"] + [f"__all__.append({n!r})" for n in tail],
            [f"__all__ = {head!r} + {tail!r}"],  # computed: astroid infers it
            [f"_names = {tuple(listed)!r}", "__all__ = list(_names)"],  # computed
            [f"__all__ = [n for n in {listed!r} if n]"],  # computed: astroid cannot
            ["__all__ = [", *[f"    {n!r}," for n in listed], "]"],
            [f"if {TRUE_TEST}:", f"    __all__ = {listed!r}"],  # bound in a branch
            [f"if {FALSE_TEST}:", f"    __all__ = {listed!r}"],  # never bound: star binds public names
        ]
        chosen = self.rng.choice(forms)
        mod.lines += chosen
        mod.has_all = not chosen[0].startswith("if ")
        mod.exported = sorted(set(listed))


# -- the test module -------------------------------------------------------------------------
def _name_from(g: _Gen, mod: Mod) -> str:
    """A name to import from `mod`: real, never bound, bound elsewhere, or made up."""
    pools = [
        (mod.bound, 8), ([g.mods[c].short for c in mod.children], 2), (mod.virtual, 2), (sorted(mod.may), 2),
        (mod.decoys, 2), (mod.tc, 1), (mod.lazy, 1), (mod.stub, 1), (mod.injected, 2),
        ([n for m in g.mods.values() for n in m.bound], 2), ([g.fresh(g.rng.random() < 0.5)], 2),
    ]
    choices = [pool for pool, weight in pools if pool for _ in range(weight)]
    return g.rng.choice(g.rng.choice(choices))


def _statement(g: _Gen, helpers: Mod, tests_pkg: bool, up: str, inside: str) -> str:
    """One import for the test module; `helpers` is tests/helpers.py or tests/conftest.py; `up` is
    the relative prefix of the tests package ('.' or '..');
    `inside` the source package whose tests/ subpackage holds the test module, if it does."""
    mods = list(g.mods.values())
    mod = g.rng.choice(mods)
    roll = g.rng.random()
    if inside and (mod.name + ".").startswith(inside + ".") and g.rng.random() < 0.3:
        return f"from ..{mod.name[len(inside) + 1:]} import {_name_from(g, mod)}"  # into the source tree
    if roll < 0.12:
        return f"import {mod.name}"
    if roll < 0.17:
        return f"import {mod.name} as alias_{g.fresh()}"
    if roll < 0.25:
        last = g.rng.choice([g.rng.choice(PARTS) + "9", _name_from(g, mod)])
        return f"import {mod.name}.{last}"
    if roll < 0.75:
        names = {_name_from(g, mod) for _ in range(1 if g.rng.random() < 0.8 else 2)}
        return f"from {mod.name} import {', '.join(sorted(names))}"
    if roll < 0.82:
        return f"from {mod.name}.{g.rng.choice(PARTS)}9 import {g.fresh(True)}"
    if roll < 0.93:
        name, short = _name_from(g, helpers), helpers.short
        if tests_pkg:
            return g.rng.choice([f"from {up}{short} import {name}", f"from tests.{short} import {name}",
                                 f"from {up} import {short}", f"from {up} import {g.fresh()}"])
        return g.rng.choice([f"from {short} import {name}", f"from tests.{short} import {name}", f"import {short}"])
    return g.rng.choice(["import os", "from os import path", "from os import no_such_name",
                         "import no_such_distribution", "from no_such_distribution import thing"])


def _link(g: _Gen, module: Mod) -> None:
    """A test helper (or conftest) that re-exports a first-party name: a link of an import chain."""
    sources = [m for m in g.mods.values() if m.kind != NAMESPACE and m.bound]
    if sources and g.rng.random() < 0.5:
        src = g.rng.choice(sources)
        name = g.rng.choice(src.bound)
        module.lines.append(f"from {src.name} import {name}")
        module.bound.append(name)


def generate(seed: int) -> Project:
    g = _Gen(seed)
    g.tree(g.rng.choice(TOPS), NAMESPACE if g.rng.random() < 0.15 else PACKAGE, 0)
    for name in g.order:
        if g.mods[name].kind != NAMESPACE:
            g.body(g.mods[name])
    fresh_forms(g)
    base = "src/" if g.rng.random() < 0.25 else ""
    files = {"pyproject.toml": '[project]\nname = "generated"\n', **{base + k: v for k, v in g.extra.items()}}
    for mod in g.mods.values():
        if mod.kind == NAMESPACE:
            files[f"{base}{mod.name.replace('.', '/')}/"] = ""
        else:
            files[mod.path(base)] = "\n".join(mod.lines) + "\n"
            if mod.kind == PACKAGE and "." in mod.name and g.rng.random() < 0.1:  # the package wins
                mod.decoys.append(g.fresh())
                files[f"{base}{mod.name.replace('.', '/')}.py"] = f"{mod.decoys[-1]} = 1\n"
            if g.rng.random() < 0.08:  # a stub beside it: names only it lists are missing (CPython runs the .py)
                mod.stub.append(g.fresh(True))
                names = g.rng.sample(mod.bound, min(3, len(mod.bound))) + mod.stub
                files[mod.path(base) + "i"] = "".join(f"{n}: object\n" for n in names)
    tests_pkg = g.rng.random() < 0.6
    helpers = Mod("tests.helpers" if tests_pkg else "helpers", MODULE, ["import sys"])
    conftest = Mod("tests.conftest" if tests_pkg else "conftest", MODULE, ["import sys"])
    for module in (helpers, conftest):
        for _ in range(g.rng.randint(1, 3)):
            g.rng.choice(CYCLE_FORMS)(g, module)
        _link(g, module)
    files["tests/helpers.py"] = "\n".join(helpers.lines) + "\n"
    files["tests/conftest.py"] = "\n".join(conftest.lines) + "\n"
    test_file, up, inside = "tests/test_generated.py", ".", ""
    packages = [m for m in g.mods.values() if m.kind == PACKAGE and all(
        g.mods[".".join(m.name.split(".")[:i])].kind == PACKAGE for i in range(1, m.name.count(".") + 1))]
    if packages and g.rng.random() < 0.2:  # tests inside the source tree: app/models/tests/test_x.py
        inside = g.rng.choice(packages).name
        files[f"{base}{inside.replace('.', '/')}/tests/__init__.py"] = ""
        test_file, up = f"{base}{inside.replace('.', '/')}/tests/test_generated.py", ".."
    elif tests_pkg:
        files["tests/__init__.py"] = ""
        if g.rng.random() < 0.4:
            files["tests/unit/__init__.py"] = ""
            test_file, up = "tests/unit/test_generated.py", ".."
    lines: dict[int, str] = {1: "from unittest.mock import patch"}
    source: list[str] = [lines[1]]
    for i in range(g.rng.randint(20, 35)):
        if g.rng.random() < 0.3:  # a patch target or an attribute read: CPython runs it only in a test
            source.append(runtime_statement(g, _name_from))
            lines[len(source)] = source[-1]
            continue
        statement = _statement(g, g.rng.choice([helpers, helpers, conftest]), tests_pkg, up, inside)
        if g.rng.random() < 0.2:
            source.append(f"def test_{i}():")
            lines[len(source) + 1] = statement
            source.append(f"    {statement}")
        else:
            lines[len(source) + 1] = statement
            source.append(statement)
    files[test_file] = "\n".join(source) + "\n"
    may = {(m.name, n) for m in g.mods.values() for n in m.may}
    may |= {(where, n) for where in ("helpers", "tests.helpers") for n in helpers.may}
    may |= {(where, n) for where in ("conftest", "tests.conftest") for n in conftest.may}
    return Project(seed, files, test_file, lines, may)
