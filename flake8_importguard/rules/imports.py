"""IMG101 missing-module, IMG102 missing-name: imports of first-party code that would fail."""
from __future__ import annotations

import ast
from typing import Iterator

from flake8_importguard.model import Finding, Fix, Hint, Verdict
from flake8_importguard.rules import rule
from flake8_importguard.suggest import convincing, kind_of, near_names, names_of
from flake8_importguard.uses import fits, uses_of


@rule(ast.Import)
def missing_module(ctx, node: ast.Import) -> Iterator[Finding]:
    if not ctx.runs(node):
        return  # only type checkers read it: it can never fail at runtime
    for alias in node.names:
        verdict = ctx.resolver.resolve_module(alias.name, ctx.search)
        if verdict.verdict is Verdict.MISSING:
            like = ctx.homes.modules_like(alias.name)
            hint = Hint("module-near", tuple(like)) if like else None
            yield Finding("IMG101", node.lineno, node.col_offset, module=alias.name, hint=hint)


@rule(ast.ImportFrom)
def missing_from(ctx, node: ast.ImportFrom) -> Iterator[Finding]:
    module = ctx.absolute(node)
    if not module or not ctx.runs(node):
        return  # a relative import outside a package: not ours to judge
    verdict = ctx.resolver.resolve_module(module, ctx.search)
    if verdict.verdict is Verdict.MISSING:
        yield _missing_module_from(ctx, node, module)
        return
    if verdict.verdict is not Verdict.EXISTS:
        return
    for alias in node.names:
        if alias.name == "*":
            continue
        found = ctx.resolver.resolve_name(module, alias.name, ctx.search)
        if found.verdict is Verdict.MISSING:
            hint, fix = _repair(ctx, node, module, alias, found.reason)
            yield Finding("IMG102", node.lineno, node.col_offset, name=alias.name, module=module,
                          hint=hint, fix=fix)


def _missing_module_from(ctx, node: ast.ImportFrom, module: str) -> Finding:
    """One IMG101 for the statement: where do the names it wanted live now?"""
    names = [a.name for a in node.names if a.name != "*"]
    homes = {name: ctx.homes.of(name, module) for name in names}
    common = set.intersection(*(set(h) for h in homes.values())) if names and all(homes.values()) else set()
    if common:
        best = min(common, key=lambda m: min(homes[n].index(m) for n in names))
        certain = all(len(h) == 1 for h in homes.values())
        fix = Fix("move-module", node.lineno, target_module=best, certain=certain,
                  doubt="" if certain else "candidates")
        return Finding("IMG101", node.lineno, node.col_offset, module=module,
                       hint=Hint("names-live-in", tuple(names), best), fix=fix)
    like = ctx.homes.modules_like(module)
    stub = None
    if like:
        hint: Hint | None = Hint("module-near", tuple(like))
    elif names and not any(homes.values()):
        hint = Hint("nowhere", tuple(names))
        stub = Fix("stub", node.lineno, target_module=module, certain=True)  # written only with --stub
    else:
        hint = None
    return Finding("IMG101", node.lineno, node.col_offset, module=module, hint=hint, fix=stub)


def _repair(ctx, node: ast.ImportFrom, module: str, alias: ast.alias, reason: str) -> tuple[Hint, Fix | None]:
    """The hint for a missing name, best repair first (ranking: see suggest.py).

    A move is certain when exactly one first-party module (test files excluded) defines the
    name; a rename when the candidate is clearly closest, the same kind of symbol as the file's
    use of the name (uses.fits) and not a name the file already binds.
    """
    name = alias.name
    if reason == "type-checking":
        return Hint("type-checking"), None
    ours = ctx.index.is_first_party(module.split(".")[0], ctx.search)  # else --importguard-third-party
    homes = ctx.homes.of(name, module, exclude=module)
    if homes:
        doubt = "third-party" if not ours else "" if len(homes) == 1 else "candidates"
        fix = Fix("move", node.lineno, name=alias.asname or name, target_module=homes[0],
                  target_name=name, certain=not doubt, doubt=doubt)
        return Hint("lives-in", tuple(homes[:3])), fix
    loc = ctx.resolver.locate(module, ctx.search)
    near, clear = near_names(name, names_of(ctx.index, loc)) if loc is not None else ([], False)
    if near:
        used_as = alias.asname or name
        if not ours:
            doubt = "third-party"
        elif not clear:
            doubt = "candidates"
        elif not convincing(name, near[0]):
            doubt = "distant"
        elif near[0] in ctx.bound_names:
            doubt = "bound"
        elif not fits(uses_of(ctx.tree, used_as), name, kind_of(ctx.index, module, near[0], ctx.search)):
            doubt = "kind"
        else:
            doubt = ""
        fix = Fix("alias", node.lineno, name=used_as, target_module=module, target_name=near[0],
                  certain=not doubt, doubt=doubt)
        return Hint("near", tuple(near)), fix
    stub = Fix("stub", node.lineno, name=alias.asname or name, target_module=module, target_name=name, certain=True)
    return Hint("nowhere", (name,)), stub if ours else None
