"""Imports that only the removed code used (`Mock`, `unittest`) are dropped after a rewrite."""
from __future__ import annotations

import ast

import libcst as cst

from flake8_importguard.fix.fixer.nodes import ImportNode, bound, with_names
from flake8_importguard.lint.uses import imports_left_unused


def drop_unused(before: bytes, after: cst.Module, keep: set[str]) -> cst.Module:
    """Drop imports that the original file used and the rewritten one no longer uses."""
    try:
        unused = imports_left_unused(ast.parse(before), ast.parse(after.bytes)) - keep
    except (SyntaxError, ValueError):
        return after
    return after.visit(_Dropper(unused)) if unused else after


class _Dropper(cst.CSTTransformer):
    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names

    def _keep(self, node: ImportNode) -> ImportNode | cst.RemovalSentinel:
        if isinstance(node.names, cst.ImportStar):
            return node
        kept = [(i, a) for i, a in enumerate(node.names) if bound(a) not in self.names]
        if len(kept) == len(node.names):
            return node
        if not kept:
            return cst.RemoveFromParent()
        return with_names(node, kept)

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import | cst.RemovalSentinel:
        return self._keep(updated_node)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        """When the file's first statement went, the blank lines that followed it go too."""
        if not updated_node.body or not original_node.body or updated_node.body[0] is original_node.body[0]:
            return updated_node
        first = updated_node.body[0]
        lines = list(first.leading_lines)
        while lines and lines[0].comment is None:
            lines.pop(0)
        return updated_node.with_changes(body=[first.with_changes(leading_lines=lines), *updated_node.body[1:]])

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
                         ) -> cst.ImportFrom | cst.RemovalSentinel:
        return self._keep(updated_node)
