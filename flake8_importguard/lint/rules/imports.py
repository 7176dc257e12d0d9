"""IMG101 missing-module, IMG102 missing-name: imports of first-party code that would fail."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.analysis.suggest import convincing, kind_of, near_in
from flake8_importguard.base.model import Finding, Fix, FixKind, Hint, HintKind, Missing, NotFixed, Verdict
from flake8_importguard.lint.registry import rule

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context


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
            gap = ctx.resolver.star_gap(module, ctx.search)
            if gap:  # CPython raises AttributeError taking it from the module
                yield Finding("IMG102", node.lineno, node.col_offset, name=gap, module=module,
                              hint=Hint(HintKind.STAR_ALL))
            continue
        found = ctx.resolver.resolve_name(module, alias.name, ctx.search)
        if found.verdict is Verdict.MISSING:
            hint, fix = _repair(ctx, node, module, alias, found.reason)
            yield Finding("IMG102", node.lineno, node.col_offset, name=alias.name, module=module,
                          hint=hint, fix=fix)


def _missing_module_from(ctx: Context, node: ast.ImportFrom, module: str) -> Finding:
    """One IMG101 for the statement: where do the names it wanted live now? One module that
    defines them all is the move (certain when it is the only one); names that live apart are
    said apart; names defined nowhere get a stub (with --stub)."""
    names = [a.name for a in node.names if a.name != "*"]
    homes = {name: ctx.homes_of(name, module) for name in names}
    shared = [m for m in next(iter(homes.values()), []) if all(m in h for h in homes.values())]
    where = (node.lineno, node.col_offset)
    if len(shared) == 1 or len(names) == 1 and shared:
        certain = len(shared) == 1
        fix = Fix(FixKind.MOVE_MODULE, node.lineno, target_module=shared[0], certain=certain,
                  doubt=None if certain else NotFixed.CANDIDATES)
        hint = Hint(HintKind.LIVES_IN, tuple(shared[:3])) if len(names) == 1 else Hint(
            HintKind.NAMES_LIVE_IN, tuple(names), shared[0])
        return Finding("IMG101", *where, name=names[0] if len(names) == 1 else "", module=module, hint=hint, fix=fix)
    if any(homes.values()):
        per_name = tuple((name, tuple(found[:3])) for name, found in homes.items())
        return Finding("IMG101", *where, module=module, hint=Hint(HintKind.PER_NAME, homes=per_name))
    if names:  # defined nowhere: written only with --stub
        stub = Fix(FixKind.STUB, node.lineno, target_module=module, certain=True)
        return Finding("IMG101", *where, module=module, hint=Hint(HintKind.NOWHERE, tuple(names)), fix=stub)
    like = ctx.homes.modules_like(module)
    return Finding("IMG101", *where, module=module, hint=Hint(HintKind.MODULE_NEAR, tuple(like)) if like else None)


def _repair(ctx: Context, node: ast.ImportFrom, module: str, alias: ast.alias, reason: Missing | None
            ) -> tuple[Hint, Fix | None]:
    """The hint for a missing name, best repair first (ranking: see suggest.py).

    A move is certain when exactly one first-party module (test files and this file excluded)
    defines the name; a rename when the candidate is clearly closest, the only one that reads
    as a rename, the same kind of symbol as the file's use of the name (uses.fits) and not a
    name the file already binds. A name imported there only under TYPE_CHECKING moves to where
    that import takes it from.
    """
    name = alias.name
    ours = ctx.is_first_party(module)  # else --importguard-third-party
    if reason is Missing.TYPE_CHECKING:
        return _type_checking(ctx, node, module, alias, ours)
    homes = ctx.homes_of(name, module, exclude=module)
    if homes:
        doubt = NotFixed.THIRD_PARTY if not ours else None if len(homes) == 1 else NotFixed.CANDIDATES
        fix = Fix(FixKind.MOVE, node.lineno, name=alias.asname or name, target_module=homes[0],
                  target_name=name, certain=doubt is None, doubt=doubt)
        return Hint(HintKind.LIVES_IN, tuple(homes[:3])), fix
    loc = ctx.resolver.locate(module, ctx.search)
    near, clear = near_in(ctx.finder, ctx.store, loc, name)
    if near:
        used_as = alias.asname or name
        renames = [n for n in near if convincing(name, n)]
        doubt = _rename_doubt(ctx, module, name, used_as, near[0], clear and len(renames) < 2, ours)
        fix = Fix(FixKind.ALIAS, node.lineno, name=used_as, target_module=module, target_name=near[0],
                  certain=doubt is None, doubt=doubt)
        return Hint(HintKind.NEAR, tuple(near)), fix
    stub = Fix(FixKind.STUB, node.lineno, name=alias.asname or name, target_module=module, target_name=name,
               certain=True)
    origins = ctx.homes.origins(name) if ours else []
    if origins:  # the project only imports it from outside: import it from there
        top = origins[0].split(".")[0]
        doubt = NotFixed.CANDIDATES if len(origins) > 1 else NotFixed.NOT_REQUIRED if (
            ctx.project.fallibility.may_be_missing(top)) else None
        fix = Fix(FixKind.MOVE, node.lineno, name=alias.asname or name, target_module=origins[0], target_name=name,
                  certain=doubt is None, doubt=doubt)
        return Hint(HintKind.OUTSIDE, tuple(origins[:3])), fix
    renamed = ctx.homes.renamed(name) if ours else []
    if renamed:  # renamed and moved at once: a person chooses, no stub either
        return Hint(HintKind.RENAMED_ELSEWHERE, (name,), homes=tuple((n, (m,)) for m, n in renamed)), None
    return Hint(HintKind.NOWHERE, (name,)), stub if ours else None


def _type_checking(ctx: Context, node: ast.ImportFrom, module: str, alias: ast.alias, ours: bool
                   ) -> tuple[Hint, Fix | None]:
    """`from m import X` where m imports X only under TYPE_CHECKING, from `origin`: import it from there."""
    loc = ctx.resolver.locate(module, ctx.search)
    origin = ctx.store.summary(loc).tc_origins.get(alias.name) if loc is not None and loc.file else None
    if not origin or not origin[0] or not origin[1]:
        return Hint(HintKind.TYPE_CHECKING), None
    target, real = origin
    works = ctx.resolver.resolve_module(target, ctx.search).verdict is Verdict.EXISTS and (
        ctx.resolver.resolve_name(target, real, ctx.search).verdict is Verdict.EXISTS)
    doubt = None if works and ours and ctx.is_first_party(target) else NotFixed.CANDIDATES
    fix = Fix(FixKind.MOVE, node.lineno, name=alias.asname or alias.name, target_module=target, target_name=real,
              certain=doubt is None, doubt=doubt)
    return Hint(HintKind.TYPE_CHECKING, module=target), fix


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
    from flake8_importguard.lint.uses import fits  # (a rename to judge: most checks never get here)

    if not fits(ctx.uses(used_as), name, kind_of(ctx.finder, ctx.store, module, candidate, ctx.search)):
        return NotFixed.KIND
    return None
