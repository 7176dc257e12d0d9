"""Rewrites inside expressions, for the fixes that are not imports: a patch target's string
literal (`patch-target`: the literal `fix.name` on the line becomes `fix.target_name`, quotes and
prefix kept) and an attribute chain (`attribute`: the chain spelled `fix.name`, starting on the
line, becomes `fix.target_name`, its parentheses kept). Every match on the line is rewritten:
they all say the same missing thing. Nothing else of the line changes.
"""
from __future__ import annotations

from typing import Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_importguard.base.model import Finding, FixKind, NotFixed
from flake8_importguard.fix.fixer.nodes import dotted

KINDS = (FixKind.PATCH_TARGET, FixKind.ATTRIBUTE)
Outcome = tuple[cst.Module, list[Finding], list[tuple[Finding, NotFixed]]]


class _Rewriter(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__()
        self.wanted: dict[tuple[FixKind, int, str], Finding] = {}
        for finding in findings:
            fix = finding.fix
            if fix is not None and fix.target_name:
                self.wanted[(fix.kind, fix.line, fix.name)] = finding
        self.done: set[int] = set()

    def _match(self, kind: FixKind, node: cst.CSTNode, text: str) -> Finding | None:
        line = self.get_metadata(PositionProvider, node).start.line
        finding = self.wanted.get((kind, line, text))
        if finding is not None:
            self.done.add(id(finding))
        return finding

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString
                           ) -> cst.SimpleString:
        if updated_node.prefix.lower() not in ("", "u") or len(updated_node.quote) != 1:
            return updated_node
        finding = self._match(FixKind.PATCH_TARGET, original_node, updated_node.raw_value)
        if finding is None or finding.fix is None:
            return updated_node
        quote = updated_node.quote
        return updated_node.with_changes(value=f"{updated_node.prefix}{quote}{finding.fix.target_name}{quote}")

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        finding = self._match(FixKind.ATTRIBUTE, original_node, dotted(original_node))
        if finding is None or finding.fix is None:
            return updated_node
        new = cst.parse_expression(finding.fix.target_name)
        return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)


def rewrite(module: cst.Module, findings: Sequence[Finding]) -> Outcome:
    """`module` with the expression fixes of `findings` applied, the findings applied, and
    those whose expression was not found on their line."""
    if not findings:
        return module, [], []
    rewriter = _Rewriter(findings)
    new = MetadataWrapper(module).visit(rewriter)
    applied = [f for f in findings if id(f) in rewriter.done]
    missed = [(f, NotFixed.NOT_FOUND) for f in findings if id(f) not in rewriter.done]
    return new, applied, missed
