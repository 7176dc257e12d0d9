"""The rule registry: a rule is a small function registered with the node types it reads and the
codes it can yield; a rule none of whose codes is selected is not run (rules/ holds the families)."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from flake8_importguard.base.codes import CODES
from flake8_importguard.base.model import Finding

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context

RuleFunc = Callable[["Context", Any], Iterator[Finding]]
RuleTable = dict[type[ast.AST], list[RuleFunc]]


@dataclass(frozen=True)
class Rule:
    func: RuleFunc
    node_types: tuple[type[ast.AST], ...]
    codes: tuple[str, ...]
    every_file: bool  # also runs on files that are not tests (stubs live in app code)


REGISTRY: list[Rule] = []  # filled once, when lint/rules/__init__.py imports the rule families


def rule(*node_types: type[ast.AST], codes: tuple[str, ...], every_file: bool = False
         ) -> Callable[[RuleFunc], RuleFunc]:
    unknown = set(codes) - CODES.keys()
    if unknown or not codes:
        raise ValueError(f"a rule must declare codes of the table, not {sorted(unknown) or 'none'}")

    def register(func: RuleFunc) -> RuleFunc:
        REGISTRY.append(Rule(func, node_types, codes, every_file))
        return func

    return register


def rule_table(selects: Callable[[str], bool], every_file: bool) -> RuleTable:
    """node type -> the rules to run on it: those with a selected code (and, for a file that is
    not a test, only those that run on every file)."""
    table: RuleTable = {}
    for entry in REGISTRY:
        if any(selects(code) for code in entry.codes) and (entry.every_file or not every_file):
            for node_type in entry.node_types:
                table.setdefault(node_type, []).append(entry.func)
    return table
