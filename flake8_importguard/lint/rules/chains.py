"""IMG105 broken-import-chain: a test imports a first-party module that exists, but importing it
fails, because of an import that the module, a parent package, or a module they import, runs
(analysis/loading.py: whatever was imported before; analysis/fresh.py: when `pytest FILE` imports the file alone,
after its conftests, an import cycle included). One finding per test import statement, naming
the import that really fails. A statement that surely works when the file runs alone asks no more,
nor a module that ran to its end there (a chain that surely fails would have failed them too).

IMG106 order-dependent-import: the import fails when the file runs alone, but the same import
attempted again in one process passes (a failed package left the module it asks for loaded): a
whole-suite run hides it by the luck of the order."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.analysis.suggest import near_in
from flake8_importguard.base.model import Cause, Finding, Hint, HintKind, Missing, Verdict
from flake8_importguard.lint.registry import rule

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context


@rule(ast.Import, ast.ImportFrom, codes=("IMG105", "IMG106"))
def broken_chain(ctx: Context, node: ast.Import | ast.ImportFrom) -> Iterator[Finding]:
    if not ctx.runs(node) or node.lineno in ctx.fresh_works:
        return  # (a module whose import surely fails, whatever ran before, fails run alone too)
    for module in _imported_modules(ctx, node):
        if module in ctx.fresh_loaded:
            continue  # it ran to its end in the file run alone
        if ctx.resolver.resolve_module(module, ctx.search).verdict is not Verdict.EXISTS:
            continue  # missing (IMG101's business) or not ours
        cause = ctx.project.chains.cause(module, ctx.search)
        if cause is not None:
            yield Finding("IMG105", node.lineno, node.col_offset, name=cause.name, module=module,
                          hint=_hint(ctx, cause), cause=cause)
            return
    failed = ctx.fresh.get(node.lineno)
    if failed is None or failed.cause.file == ctx.layout.relative(ctx.path):
        return  # works, or fails on its own (IMG101, IMG102)
    if ctx.resolver.resolve_module(failed.module, ctx.search).verdict is Verdict.MISSING:
        return  # IMG101 says it (a parent that fails first fails for want of it too)
    cause = failed.cause
    yield Finding("IMG106" if failed.rescue else "IMG105", node.lineno, node.col_offset, name=cause.name,
                  module=failed.module, hint=_hint(ctx, cause), target=failed.rescue, cause=cause)


def _imported_modules(ctx: Context, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The first-party modules the statement imports: `from m import sub` imports `m.sub` too."""
    if isinstance(node, ast.Import):
        modules = [alias.name for alias in node.names]
    else:
        base = ctx.absolute(node)
        if not base:
            return []
        modules = [base] + [f"{base}.{a.name}" for a in node.names
                            if a.name != "*" and ctx.finder.find_module(f"{base}.{a.name}", ctx.search) is not None]
    return [m for m in modules if ctx.is_first_party(m)]


def _hint(ctx: Context, cause: Cause) -> Hint | None:
    """Where the name that the failing import wants lives now; or modules like the missing one."""
    if cause.reason is Missing.CYCLE:
        return None  # the module defines it, later than the import that asks
    if not cause.name:
        if cause.reason is Missing.CASE:
            return None  # the cause says which file is there
        like = ctx.homes.modules_like(cause.module)
        return Hint(HintKind.MODULE_NEAR, tuple(like)) if like else None
    homes = ctx.homes_of(cause.name, cause.module, exclude=cause.module)
    if homes:
        return Hint(HintKind.LIVES_IN, tuple(homes[:3]))
    loc = ctx.resolver.locate(cause.module, ctx.search)
    near = near_in(ctx.finder, ctx.store, loc, cause.name)[0]
    if cause.reason is Missing.UNBOUND and loc is not None and loc.file:  # only what is bound before the read
        bound_at = ctx.store.summary(loc).bound_at
        near = [name for name in near if bound_at.get(name, [cause.line])[0] < cause.line]
    return Hint(HintKind.NEAR, tuple(near)) if near else Hint(HintKind.NOWHERE, (cause.name,))
