"""IMG401 stale-patch-target: a `mock.patch` or `monkeypatch` target that does not exist.

The target is followed as mock and pytest follow it (objects.py), as far as it can be known.
A patch must replace a name where the code under test looks it up: in the module that imported
it, not (only) where it is defined. So the hint for a moved name says where it is defined and
which modules import it; the fix moves the target only when exactly one first-party module binds
the name (it is defined there and imported by name nowhere), so that every module that uses it
looks it up there. A near name in the same place is a rename, fixed when it is clearly the one
and reads as a typo or a rename (suggest.convincing).
"""
from __future__ import annotations

import ast
import dataclasses
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.analysis.suggest import convincing, near_in, near_names
from flake8_importguard.base.model import Finding, Fix, FixKind, Hint, HintKind, Missing, NotFixed, ObjectKind, Verdict
from flake8_importguard.lint.patchcalls import BUILTIN_NAMES, PatchTarget, patch_targets
from flake8_importguard.lint.registry import rule

if TYPE_CHECKING:
    from flake8_importguard.analysis.objects import Chain
    from flake8_importguard.lint.context import Context


@rule(ast.Call, codes=("IMG401",))
def stale_patch_target(ctx: Context, node: ast.Call) -> Iterator[Finding]:
    if not ctx.runs(node):
        return
    for target in patch_targets(ctx, node):
        chain = judged(ctx, target)
        if chain.verdict is not Verdict.MISSING or chain.owner is None:
            continue
        if target.head is not None and ctx.import_binding(target.head, confirmed=True) != target.start:
            continue  # the object's name means something else here (a parameter, an assignment)
        hint, fix = _repair(ctx, target, chain)
        yield Finding("IMG401", target.node.lineno, target.node.col_offset, name=target.parts[chain.index],
                      module=chain.owner.path, hint=hint, fix=fix, target=_spelled(target))


def judged(ctx: Context, target: PatchTarget) -> Chain:
    """Does the target exist, as far as the tool can tell (MISSING: where it breaks)?"""
    from flake8_importguard.analysis.objects import Chain  # (a file that patches: imported on its first target)

    chain = _follow(ctx, target)
    owner = chain.owner
    if chain.verdict is Verdict.MISSING and owner is not None and target.builtins and chain.index == len(
            target.parts) - 1 and owner.kind is ObjectKind.MODULE and target.parts[-1] in BUILTIN_NAMES:
        return Chain(Verdict.EXISTS)  # mock creates a builtin name on a module: `patch("app.io.open")` works
    return chain


def _follow(ctx: Context, target: PatchTarget) -> Chain:
    from flake8_importguard.analysis.objects import Chain

    if target.start is None:
        if not ctx.is_first_party(target.parts[0]):
            return Chain(Verdict.UNKNOWN)
        return ctx.objects.target(target.parts, target.imports)
    start = ctx.objects.imported(target.start.module, target.start.name)
    return ctx.objects.follow(start, target.parts, 0) if start is not None else Chain(Verdict.UNKNOWN)


def _spelled(target: PatchTarget) -> str:
    """The whole target: the string, or the object's import path and the attribute."""
    start = target.start
    head = () if start is None else (start.module, start.name) if start.name else (start.module,)
    return ".".join((*head, *target.parts))


def _repair(ctx: Context, target: PatchTarget, chain: Chain) -> tuple[Hint | None, Fix | None]:
    assert chain.lookup is not None and chain.owner is not None
    owner, index, parts = chain.owner, chain.index, target.parts
    if chain.lookup.reason is Missing.TYPE_CHECKING:
        return Hint(HintKind.TYPE_CHECKING), None
    if chain.lookup.instance:
        return Hint(HintKind.INSTANCE_ONLY, (chain.lookup.instance,)), None
    last = index == len(parts) - 1
    if owner.kind is ObjectKind.MODULE and index >= len(parts) - 2:
        moved = _moved(ctx, target, chain)
        if moved is not None:
            return moved
    if owner.kind is ObjectKind.MODULE:
        near, clear = near_in(ctx.finder, ctx.store, ctx.resolver.locate(owner.module, ctx.search), parts[index])
    else:
        near, clear = near_names(parts[index], ctx.objects.names_on(owner))
    if near:
        return Hint(HintKind.NEAR, tuple(near)), _renamed(ctx, target, index, near[0], clear)
    if owner.kind is ObjectKind.MODULE and last:
        return Hint(HintKind.NOWHERE, (parts[index],)), None
    return None, None


def _moved(ctx: Context, target: PatchTarget, chain: Chain) -> tuple[Hint, Fix | None] | None:
    """The patched name (the target's last part) is defined elsewhere: where, and who imports it."""
    assert chain.owner is not None
    subject = target.parts[-1]
    binders = ctx.project.binders
    homes = [m for m in binders.defined_in(subject, chain.owner.module) if m != chain.owner.module]
    if not homes:
        return None
    importers = binders.imported_by(subject, homes)
    hint = Hint(HintKind.PATCH_WHERE, tuple(homes[:3]), lookups=tuple(importers[:3]))
    if not target.whole or chain.index != len(target.parts) - 1:
        return hint, None  # a missing module in the middle, or a patch.object: the hint only
    doubt = NotFixed.CANDIDATES if len(homes) > 1 else NotFixed.LOOKED_UP if importers else None
    new = (*homes[0].split("."), subject)
    if doubt is None and not _resolves(ctx, target, new):
        return hint, None
    fix = Fix(FixKind.PATCH_TARGET, target.node.lineno, name=target.literal, target_name=".".join(new),
              certain=doubt is None, doubt=doubt)
    return hint, fix


def _renamed(ctx: Context, target: PatchTarget, index: int, candidate: str, clear: bool) -> Fix | None:
    """`patch("app.svc.get_usr")` -> `patch("app.svc.get_user")`: the literal's part is renamed."""
    parts = (*target.parts[:index], candidate, *target.parts[index + 1:])
    if target.whole:
        new = ".".join(parts)
    elif index == len(target.parts) - 1 and target.literal == target.parts[-1]:
        new = candidate  # patch.object(Client, "fetch_usr"): the attribute's literal
    else:
        return None
    wanted = target.parts[index]
    doubt = NotFixed.CANDIDATES if not clear else NotFixed.DISTANT if not convincing(wanted, candidate) else None
    if doubt is None and not _resolves(ctx, target, parts):
        return None
    return Fix(FixKind.PATCH_TARGET, target.node.lineno, name=target.literal, target_name=new,
               certain=doubt is None, doubt=doubt)


def _resolves(ctx: Context, target: PatchTarget, parts: tuple[str, ...]) -> bool:
    """Would the target, rewritten to `parts`, exist?"""
    imports = max(0, target.imports + len(parts) - len(target.parts)) if target.imports else 0
    return _follow(ctx, dataclasses.replace(target, parts=parts, imports=imports)).verdict is Verdict.EXISTS
