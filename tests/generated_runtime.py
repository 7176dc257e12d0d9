"""Classes, patch targets and module attribute reads for the generated projects (tests/generated.py).

`class_form` is one more way a generated module binds names: a class hierarchy whose attributes
the generator records (own, inherited, set on instances only, added by a decorator or a class
statement the tool does not follow). `runtime_statement` is a line of the generated test module
that CPython runs only when a test runs: a `mock.patch` or `monkeypatch` target, a
`patch.object` on an imported class, or an attribute read on an imported module; each names
something real, or something missing, at random.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from generated_forms import NAMESPACE, Mod

if TYPE_CHECKING:
    from generated import _Gen

Names = Callable[["_Gen", Mod], str]  # the generator's pick of a name to import from a module


def class_form(g: _Gen, mod: Mod) -> None:
    base, child, attr, method, own, inst = g.fresh(True), g.fresh(True), g.fresh(), g.fresh(), g.fresh(), g.fresh()
    roll = g.rng.random()
    added = g.fresh() if roll < 0.15 else ""  # a decorator adds it: the tool does not follow decorated classes
    decorator = [f"def _decorate_{added}(cls):", f"    cls.{added} = 1", "    return cls", "",
                 f"@_decorate_{added}"] if added else []
    parent = "Exception" if roll > 0.9 else "object"
    mod.lines += [f"class {base}({parent}):", f"    {attr} = 1", "",
                  "    def __init__(self):", f"        self.{inst} = 1", "",
                  f"    def {method}(self):", "        return 1", "",
                  *decorator, f"class {child}({base}):", f"    {own} = 2", f"{base}.{g.fresh()} = 3"]
    if added:
        mod.bound.append(f"_decorate_{added}")
    inherited = [attr, method, "__init__", *(["args"] if parent == "Exception" else [])]
    mod.classes[base] = inherited
    mod.classes[child] = [own, *inherited, *([added] if added else [])]
    mod.instance[base] = mod.instance[child] = [inst]
    mod.bound += [base, child]
    mod.decoys += [attr, own, method, inst]


def _target(g: _Gen, mod: Mod, names: Names) -> str:
    """A dotted path from `mod`: a module name, a class attribute, a missing module, a submodule."""
    roll = g.rng.random()
    if mod.classes and roll < 0.45:
        cls = g.rng.choice(sorted(mod.classes))
        pool = [*mod.classes[cls], *mod.instance.get(cls, []), g.fresh(), g.fresh(True)]
        return f"{mod.name}.{cls}.{g.rng.choice(pool)}"
    if roll < 0.55:
        return f"{mod.name}.{g.rng.choice(['nosuch', 'gone'])}{g.count}.{g.fresh()}"
    return f"{mod.name}.{names(g, mod)}"


def runtime_statement(g: _Gen, names: Names) -> str:
    mods = [m for m in g.mods.values() if m.kind != NAMESPACE]
    mod = g.rng.choice(mods)
    roll = g.rng.random()
    g.count += 1
    alias = f"_m{g.count}"
    if roll < 0.45:
        return f"patch({_target(g, mod, names)!r})"
    if roll < 0.55:
        return f"monkeypatch.setattr({_target(g, mod, names)!r}, 1)"
    if roll < 0.7 and mod.classes:
        cls = g.rng.choice(sorted(mod.classes))
        attr = g.rng.choice([*mod.classes[cls], *mod.instance.get(cls, []), g.fresh()])
        return f"import {mod.name} as {alias}; patch.object({alias}.{cls}, {attr!r})"
    if roll < 0.85:
        return f"import {mod.name} as {alias}; {alias}.{names(g, mod)}"
    return f"import {mod.name}; {mod.name}.{names(g, mod)}"
