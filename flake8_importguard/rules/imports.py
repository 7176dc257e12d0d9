"""IMG101 missing-module, IMG102 missing-name: imports of first-party code that would fail."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.model import Finding, Fix, FixKind, Hint, HintKind, Missing, NotFixed, Verdict
from flake8_importguard.rules import rule
from flake8_importguard.suggest import common_home, convincing, kind_of, names_of, near_names
from flake8_importguard.uses import fits

if TYPE_CHECKING:
    from flake8_importguard.context import Context


@rule(ast.Import, codes=("IMG101",))
def missing_module(ctx: Context, node: ast.Import) -> Iterator[Finding]:
    if not ctx.runs(node):
        return  # only type checkers read it: it can never fail at runtime
    for alias in node.names:
        verdict = ctx.resolver.resolve_module(alias.name, ctx.search)
        if verdict.verdict is Verdict.MISSING:
            hint = _case(ctx, verdict.module) if verdict.reason is Missing.CASE else None
            like = ctx.homes.modules_like(alias.name) if hint is None else []
            hint = Hint(HintKind.MODULE_NEAR, tuple(like)) if like else hint
            yield Finding("IMG101", node.lineno, node.col_offset, module=alias.name, hint=hint)


def _case(ctx: Context, module: str) -> Hint | None:
    """The file that is there, named in another case (`User.py` for `app.schemas.user`)."""
    parts = module.split(".")
    for depth in range(len(parts), 0, -1):
        real = ctx.resolver.case_twin(".".join(parts[:depth]), ctx.search)
        if real:
            return Hint(HintKind.CASE, module=ctx.layout.relative(real))
    return None


@rule(ast.ImportFrom, codes=("IMG101", "IMG102"))
def missing_from(ctx: Context, node: ast.ImportFrom) -> Iterator[Finding]:
    module = ctx.absolute(node)
    if not module or not ctx.runs(node):
        return  # a relative import outside a package: not ours to judge
    verdict = ctx.resolver.resolve_module(module, ctx.search)
    if verdict.verdict is Verdict.MISSING:
        case = _case(ctx, module) if verdict.reason is Missing.CASE else None
        if case is not None:  # the file is there: the import or the file name wants its case fixed
            yield Finding("IMG101", node.lineno, node.col_offset, module=module, hint=case)
        else:
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


def _missing_module_from(ctx: Context, node: ast.ImportFrom, module: str) -> Finding:
    """One IMG101 for the statement: where do the names it wanted live now?"""
    names = [a.name for a in node.names if a.name != "*"]
    homes = ctx.homes.of_each(names, module)
    best = common_home(homes)
    if best:
        certain = all(len(h) == 1 for h in homes.values())
        fix = Fix(FixKind.MOVE_MODULE, node.lineno, target_module=best, certain=certain,
                  doubt=None if certain else NotFixed.CANDIDATES)
        return Finding("IMG101", node.lineno, node.col_offset, module=module,
                       hint=Hint(HintKind.NAMES_LIVE_IN, tuple(names), best), fix=fix)
    like = ctx.homes.modules_like(module)
    stub = None
    if like:
        hint: Hint | None = Hint(HintKind.MODULE_NEAR, tuple(like))
    elif names and not any(homes.values()):
        hint = Hint(HintKind.NOWHERE, tuple(names))
        stub = Fix(FixKind.STUB, node.lineno, target_module=module, certain=True)  # written only with --stub
    else:
        hint = None
    return Finding("IMG101", node.lineno, node.col_offset, module=module, hint=hint, fix=stub)


def _repair(ctx: Context, node: ast.ImportFrom, module: str, alias: ast.alias, reason: Missing | None
            ) -> tuple[Hint, Fix | None]:
    """The hint for a missing name, best repair first (ranking: see suggest.py).

    A move is certain when exactly one first-party module (test files excluded) defines the
    name; a rename when the candidate is clearly closest, the same kind of symbol as the file's
    use of the name (uses.fits) and not a name the file already binds.
    """
    name = alias.name
    if reason is Missing.TYPE_CHECKING:
        return Hint(HintKind.TYPE_CHECKING), None
    ours = ctx.is_first_party(module)  # else --importguard-third-party
    homes = ctx.homes.of(name, module, exclude=module)
    if homes:
        doubt = NotFixed.THIRD_PARTY if not ours else None if len(homes) == 1 else NotFixed.CANDIDATES
        fix = Fix(FixKind.MOVE, node.lineno, name=alias.asname or name, target_module=homes[0],
                  target_name=name, certain=doubt is None, doubt=doubt)
        return Hint(HintKind.LIVES_IN, tuple(homes[:3])), fix
    loc = ctx.resolver.locate(module, ctx.search)
    near, clear = near_names(name, names_of(ctx.finder, ctx.store, loc)) if loc is not None else ([], False)
    if near:
        used_as = alias.asname or name
        doubt = _rename_doubt(ctx, module, name, used_as, near[0], clear, ours)
        fix = Fix(FixKind.ALIAS, node.lineno, name=used_as, target_module=module, target_name=near[0],
                  certain=doubt is None, doubt=doubt)
        return Hint(HintKind.NEAR, tuple(near)), fix
    stub = Fix(FixKind.STUB, node.lineno, name=alias.asname or name, target_module=module, target_name=name,
               certain=True)
    return Hint(HintKind.NOWHERE, (name,)), stub if ours else None


def _rename_doubt(ctx: Context, module: str, name: str, used_as: str, candidate: str, clear: bool,
                  ours: bool) -> NotFixed | None:
    """Why renaming `name` to `candidate` is not certain (None: it is)."""
    if not ours:
        return NotFixed.THIRD_PARTY
    if not clear:
        return NotFixed.CANDIDATES
    if not convincing(name, candidate):
        return NotFixed.DISTANT
    if candidate in ctx.bound_names:
        return NotFixed.BOUND
    if not fits(ctx.uses(used_as), name, kind_of(ctx.finder, ctx.store, module, candidate, ctx.search)):
        return NotFixed.KIND
    return None
