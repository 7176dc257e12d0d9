"""IMG101 missing-module, IMG102 missing-name: imports of first-party code that would fail."""
from __future__ import annotations

import ast
from typing import Iterator

from flake8_importguard.model import Finding, Fix, Hint, Verdict
from flake8_importguard.rules import rule
from flake8_importguard.suggest import near_names, names_of


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
        fix = Fix("move-module", node.lineno, target_module=best, certain=certain)
        return Finding("IMG101", node.lineno, node.col_offset, module=module,
                       hint=Hint("names-live-in", tuple(names), best), fix=fix)
    like = ctx.homes.modules_like(module)
    if like:
        hint: Hint | None = Hint("module-near", tuple(like))
    elif names and not any(homes.values()):
        hint = Hint("nowhere", tuple(names))
    else:
        hint = None
    return Finding("IMG101", node.lineno, node.col_offset, module=module, hint=hint)


def _repair(ctx, node: ast.ImportFrom, module: str, alias: ast.alias, reason: str) -> tuple[Hint, Fix | None]:
    """The hint for a missing name, best repair first (ranking: see suggest.py)."""
    name = alias.name
    if reason == "type-checking":
        return Hint("type-checking"), None
    homes = ctx.homes.of(name, module, exclude=module)
    if homes:
        fix = Fix("move", node.lineno, name=alias.asname or name, target_module=homes[0],
                  target_name=name, certain=len(homes) == 1)
        return Hint("lives-in", tuple(homes[:3])), fix
    loc = ctx.resolver.locate(module, ctx.search)
    near, clear = near_names(name, names_of(ctx.index, loc)) if loc is not None else ([], False)
    if near:
        used_as = alias.asname or name
        certain = clear and near[0] not in ctx.bound_names
        fix = Fix("alias", node.lineno, name=used_as, target_module=module, target_name=near[0],
                  certain=certain)
        return Hint("near", tuple(near)), fix
    return Hint("nowhere", (name,)), None
