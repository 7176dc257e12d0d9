"""Small readers and builders of libcst import nodes, shared by the fixer's passes."""
from __future__ import annotations

from typing import TypeVar

import libcst as cst

ImportNode = TypeVar("ImportNode", cst.Import, cst.ImportFrom)


def dotted(node: cst.BaseExpression | None) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted(node.value)}.{node.attr.value}"
    return ""


def module_text(node: cst.ImportFrom) -> str:
    return "." * len(node.relative) + dotted(node.module)


def bound(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return dotted(alias.name).split(".")[0]


def assigned_name(node: cst.Assign | cst.AnnAssign) -> str:
    if isinstance(node, cst.AnnAssign):
        target = node.target if node.value is not None else None
    else:
        target = node.targets[0].target if len(node.targets) == 1 else None
    return target.value if isinstance(target, cst.Name) else ""


def same_module(node: cst.ImportFrom, absolute: str) -> bool:
    text = dotted(node.module)
    if not node.relative:
        return text == absolute
    return not text or absolute == text or absolute.endswith("." + text)


def with_names(node: ImportNode, kept: list[tuple[int, cst.ImportAlias]]) -> ImportNode:
    """`node` with only the aliases `kept` (index in node.names, alias); when the original last
    alias is gone, its comma and closing layout move to the new last one, whose comment stays."""
    aliases: list[cst.ImportAlias] = [alias for _, alias in kept]
    assert not isinstance(node.names, cst.ImportStar)
    last = node.names[-1]
    if kept[-1][0] == len(node.names) - 1:
        return node.with_changes(names=aliases)
    comma: cst.Comma | cst.MaybeSentinel = aliases[-1].comma
    if not getattr(node, "lpar", None) or not isinstance(last.comma, cst.Comma):
        has_comment = isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace) \
            and comma.whitespace_after.first_line.comment is not None
        if not has_comment:
            comma = cst.MaybeSentinel.DEFAULT
    elif isinstance(comma, cst.Comma):
        closing, own = last.comma.whitespace_after, comma.whitespace_after
        if isinstance(closing, cst.ParenthesizedWhitespace) and isinstance(own, cst.ParenthesizedWhitespace):
            own = own.with_changes(empty_lines=closing.empty_lines, indent=closing.indent, last_line=closing.last_line)
        elif not isinstance(own, cst.ParenthesizedWhitespace):
            own = closing
        comma = comma.with_changes(whitespace_after=own)
    return node.with_changes(names=[*aliases[:-1], aliases[-1].with_changes(comma=comma)])
