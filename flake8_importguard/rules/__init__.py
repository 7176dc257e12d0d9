"""Rules are small registered functions: `@rule(ast.ImportFrom)` def f(ctx, node) -> Iterator[Finding].

Importing this package registers every rule family.
"""
from __future__ import annotations

import ast
from typing import Callable, Iterator

from flake8_importguard.model import Finding

RuleFunc = Callable[..., Iterator[Finding]]
RULES: dict[type[ast.AST], list[RuleFunc]] = {}
EVERY_FILE_RULES: dict[type[ast.AST], list[RuleFunc]] = {}  # also run on files that are not tests


def rule(*node_types: type[ast.AST], every_file: bool = False) -> Callable[[RuleFunc], RuleFunc]:
    def register(func: RuleFunc) -> RuleFunc:
        for node_type in node_types:
            RULES.setdefault(node_type, []).append(func)
            if every_file:
                EVERY_FILE_RULES.setdefault(node_type, []).append(func)
        return func

    return register


from flake8_importguard.rules import imports  # noqa: E402,F401  (registers the family)
from flake8_importguard.rules import stubs  # noqa: E402,F401  (registers the family)
from flake8_importguard.rules import placeholders, optional  # noqa: E402,F401  (IMG201..IMG206)
