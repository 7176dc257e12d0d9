"""IMG103 missing-attribute: `user.UserPlan` where `user` is a first-party module (`from
app.models import user`, `import app.models.user`) that does not define `UserPlan`, anywhere in
a test file. Only the first attribute after the modules of a chain is judged; the silence rules
are IMG102's (resolver.py), plus the file's own: a read the file expects to fail, an
annotation, an attribute the file sets or asks about by name (guards.py), a name that a
parameter or an assignment shadows where it is read (scopes.py).

The fix rewrites the attribute chain, never the imports: to the clearly nearest name in the
same module, or to the one module that defines the name when the file imports that module, so
that the fix stays an attribute of an imported module.

IMG104 missing-class-attribute: `Plan.FREE` where `Plan` is a first-party class the file imports
(or reaches through an imported module) that neither defines nor inherits `FREE`; the same silence
rules, and objects.py's for classes. The fix rewrites the attribute to the class's clearly nearest
name when it is convincing (a typo, a word added or dropped), as IMG103's does.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable, Iterator

from flake8_importguard.analysis.suggest import convincing, kind_of, near_in, near_names
from flake8_importguard.base.model import Finding, Fix, FixKind, Hint, HintKind, Missing, NotFixed, ObjectKind, Verdict
from flake8_importguard.base.syntax import dotted
from flake8_importguard.lint.guards import guarded
from flake8_importguard.lint.registry import rule

if TYPE_CHECKING:
    from flake8_importguard.analysis.objects import Lookup, Obj
    from flake8_importguard.lint.context import Context


@rule(ast.Attribute, codes=("IMG103",))
def missing_attribute(ctx: Context, node: ast.Attribute) -> Iterator[Finding]:
    missing = _missing_on(ctx, node, module_read)
    if missing is None:
        return
    owner, found = missing
    if f"{owner.module}.{node.attr}" in ctx.imported_modules:
        return  # `import` of it: IMG101 reports the import, and once that loads, the attribute is set
    hint, fix = _repair(ctx, node, owner.module, found)
    yield Finding("IMG103", node.lineno, node.col_offset, name=node.attr, module=owner.module, hint=hint, fix=fix,
                  at_import=ctx.always_at_import(node))


def _missing_on(ctx: Context, node: ast.Attribute, read: Callable[[Context, ast.expr, bool], Obj | None]
                ) -> tuple[Obj, Lookup] | None:
    """The module or class (`read` of the expression before the dot) that lacks the attribute the
    node reads, and the lookup that says so; None when it has it, the read never runs, the name
    means something else where it stands (a parameter, an assignment), or the file sets the
    attribute, names it or expects the read to fail."""
    if not isinstance(node.ctx, ast.Load):
        return None
    owner = read(ctx, node.value, False)
    if owner is None:
        return None
    found = ctx.objects.attribute(owner, node.attr, what=False)
    if found.verdict is not Verdict.MISSING or not ctx.runs(node) or read(ctx, node.value, True) != owner:
        return None
    if ctx.names_attribute(dotted(node.value), node.attr) or guarded(node, ctx.parents):
        return None
    return owner, found


def module_read(ctx: Context, expr: ast.expr, confirmed: bool = False) -> Obj | None:
    """The first-party module that `expr` (a name the file imports, or a chain of attributes on
    it) is where it is read; None for anything else. `confirmed`: by the file's scopes."""
    binding = ctx.import_binding(expr, confirmed)
    if binding is None:
        return None
    chain = dotted(expr).split(".")
    found = ctx.objects.imported(binding.module, binding.name, classes=False)
    for part in chain[1:]:
        if found is None or found.kind is not ObjectKind.MODULE:
            return None
        exists = ctx.objects.attribute(found, part, what=False).verdict is Verdict.EXISTS
        found = ctx.objects.imported(found.module, part, classes=False) if exists else None
    return found if found is not None and found.kind is ObjectKind.MODULE else None


def _repair(ctx: Context, node: ast.Attribute, module: str, found: Lookup) -> tuple[Hint, Fix | None]:
    """Where it lives now (an exact name elsewhere first), or the near names of the module."""
    name, written = node.attr, dotted(node)
    if found.reason is Missing.TYPE_CHECKING:
        return Hint(HintKind.TYPE_CHECKING), None
    homes = ctx.homes.of(name, module, frozenset([module]))
    if homes:
        spelled = _spelling(ctx, node, homes[0]) if len(homes) == 1 else ""
        doubt = NotFixed.CANDIDATES if len(homes) > 1 else None if spelled else NotFixed.NOT_IMPORTED
        fix = Fix(FixKind.ATTRIBUTE, node.lineno, name=written, target_name=f"{spelled}.{name}" if spelled else "",
                  certain=doubt is None, doubt=doubt)
        return Hint(HintKind.LIVES_IN, tuple(homes[:3])), fix
    loc = ctx.resolver.locate(module, ctx.search)
    near, clear = near_in(ctx.finder, ctx.store, loc, name)
    if not near:
        return Hint(HintKind.NOWHERE, (name,)), None
    doubt = _near_doubt(name, near, clear)
    from flake8_importguard.lint.uses import Call, Use, fits  # (a near name found: most checks never get here)

    parent = ctx.parents.get(id(node))
    use = Use(calls=[Call()] if isinstance(parent, ast.Call) and parent.func is node else [])
    if doubt is None and not fits(use, name, kind_of(ctx.finder, ctx.store, module, near[0], ctx.search)):
        doubt = NotFixed.KIND
    fix = Fix(FixKind.ATTRIBUTE, node.lineno, name=written, target_name=f"{dotted(node.value)}.{near[0]}",
              certain=doubt is None, doubt=doubt)
    return Hint(HintKind.NEAR, tuple(near)), fix


def _near_doubt(name: str, near: list[str], clear: bool) -> NotFixed | None:
    """Why the nearest name is no certain repair (several as near; too far from the name), or None."""
    if not clear:
        return NotFixed.CANDIDATES
    return None if convincing(name, near[0]) else NotFixed.DISTANT


def _spelling(ctx: Context, node: ast.Attribute, module: str) -> str:
    """How the code at `node` can reach the module `module` through the file's imports: a name
    that imports it (`models_agent`), or a package name and the path down (`app.db.models_agent`,
    when the file imports `app.db.models_agent`); "" when it cannot."""
    head = node.value
    while isinstance(head, ast.Attribute):
        head = head.value
    scope = ctx.scopes.scope_of(head) if isinstance(head, ast.Name) else None
    if scope is None:
        return ""
    spellings = []
    for name in sorted(ctx.imported_names):
        binding = ctx.scopes.lookup(name, scope)
        found = ctx.objects.imported(binding.module, binding.name) if binding is not None else None
        if found is None or found.kind is not ObjectKind.MODULE:
            continue
        if found.module == module:
            spellings.append(name)
        elif module.startswith(found.module + ".") and module in ctx.loaded_modules:
            spellings.append(name + module[len(found.module):])
    return min(spellings, key=lambda s: (s.count("."), len(s)), default="")


@rule(ast.Attribute, codes=("IMG104",))
def missing_class_attribute(ctx: Context, node: ast.Attribute) -> Iterator[Finding]:
    """IMG104: `Plan.FREE` where `Plan` is a first-party class the file imports (or reaches through
    an imported module: `plans.Plan.FREE`) that neither defines nor inherits `FREE` (an enum member
    renamed, a class constant gone): AttributeError where it is read. Only a class the tool reads
    whole is judged (objects.py: no decorator, no metaclass of its own, every base a first-party
    class, a builtin or a plain class of the standard library such as `enum.Enum`)."""
    missing = _missing_on(ctx, node, class_read)
    if missing is None:
        return
    owner, found = missing
    hint: Hint | None = Hint(HintKind.INSTANCE_ONLY, (found.instance,)) if found.instance else None
    fix = None
    if hint is None:
        near, clear = near_names(node.attr, ctx.objects.names_on(owner))
        hint = Hint(HintKind.NEAR, tuple(near)) if near else None
        if near:  # `EMachine.X8664` -> `EMachine.X86_64`: the clearly nearest name, a typo or a word's change
            doubt = _near_doubt(node.attr, near, clear)
            fix = Fix(FixKind.ATTRIBUTE, node.lineno, name=dotted(node), target_name=f"{dotted(node.value)}.{near[0]}",
                      certain=doubt is None, doubt=doubt)
    yield Finding("IMG104", node.lineno, node.col_offset, name=node.attr, module=owner.path, hint=hint, fix=fix,
                  at_import=ctx.always_at_import(node))


def class_read(ctx: Context, expr: ast.expr, confirmed: bool = False) -> Obj | None:
    """The first-party class that `expr` (a name the file imports, or a chain of attributes on it)
    is where it is read, when the tool reads the class; None for anything else."""
    binding = ctx.import_binding(expr, confirmed)
    if binding is None:
        return None
    found = ctx.objects.imported(binding.module, binding.name)
    for part in dotted(expr).split(".")[1:]:
        if found is None:
            return None
        lookup = ctx.objects.attribute(found, part)
        found = lookup.found if lookup.verdict is Verdict.EXISTS else None
    return found if found is not None and found.kind is ObjectKind.CLASS else None
