"""check_tree: THE core. Both front ends call it with the tree they have: the flake8 plugin with
the one flake8 parsed, the importguard command (run/checkrun.py's Run.check_file) with its own.
check_source parses a source first, for callers that hold no tree.

A file is checked against its project (what the session has read of it): the rule table for the
file (every selected rule on a test file, only those that run on every file on others) says which
rule functions run on which node types; each rule yields Findings; findings of codes the settings
do not select are dropped.
"""
from __future__ import annotations

import ast
import dataclasses
from typing import Iterator

from flake8_importguard.analysis.project import Project
from flake8_importguard.base.model import Finding, HintKind
from flake8_importguard.base.syntax import iter_statements
from flake8_importguard.lint import rules
from flake8_importguard.lint.context import Context
from flake8_importguard.lint.registry import RuleTable, rule_table

_BLOCKS = (ast.mod, ast.stmt, ast.excepthandler, ast.match_case)
# nodes with no node below them but markers: names, constants, operators (most of a file's nodes)
_MARKERS = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)
_LEAVES = frozenset({ast.Name, ast.Constant, *(kind for base in _MARKERS for kind in base.__subclasses__())})


def rule_nodes(tree: ast.Module, table: RuleTable) -> Iterator[ast.AST]:
    """Every node a rule in `table` may be registered for: only the module when that is all the
    rules ask for; only statements while every rule is for a statement (the expressions, most of
    a file, are not walked)."""
    if set(table) <= {ast.Module}:
        return iter((tree,))
    if all(issubclass(node_type, _BLOCKS) for node_type in table):
        return iter_statements(tree)
    if any(issubclass(node_type, ast.expr_context) for node_type in table):
        return ast.walk(tree)
    return _walk(tree, _LEAVES - table.keys())


def _walk(tree: ast.AST, skip: frozenset[type[ast.AST]]) -> Iterator[ast.AST]:
    """Every node but those of the types in `skip`, which hold no node (the leaves no rule is
    registered for), each before the nodes it holds; in about half of ast.walk's time."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                stack.extend([v for v in reversed(value) if v.__class__ not in skip and isinstance(v, ast.AST)])
            elif value.__class__ not in skip and isinstance(value, ast.AST):
                stack.append(value)


def check_tree(tree: ast.Module, path: str, project: Project) -> list[Finding]:
    selects, test_file = project.settings.selects, project.layout.is_test_file(path)
    rules.load(test_file)
    table = rule_table(selects, every_file=not test_file)
    if not table:
        return []
    ctx = Context(path, tree, project)
    findings = [finding for node in rule_nodes(tree, table) for func in table.get(type(node), ())
                for finding in func(ctx, node) if selects(finding.code)]
    if findings and ctx.dead_lines:
        findings = [f for f in findings if f.line not in ctx.dead_lines]  # code that cannot run, or must fail
    findings.sort(key=lambda f: (f.line, f.col, f.code, f.name))
    return [_dated(f, project) for f in findings]


def _dated(finding: Finding, project: Project) -> Finding:
    """A name defined nowhere is said to be gone, with the commit that removed it, when git knows."""
    hint = finding.hint
    if hint is None or hint.kind is not HintKind.NOWHERE or len(hint.candidates) != 1:
        return finding
    removed = project.removal(hint.candidates[0])
    return dataclasses.replace(finding, hint=dataclasses.replace(hint, removed=removed)) if removed else finding


def check_source(source: str | bytes, path: str, project: Project) -> list[Finding]:
    """Findings for one file's source. Raises SyntaxError/ValueError when it does not parse."""
    return check_tree(ast.parse(source, filename=path), path, project)
