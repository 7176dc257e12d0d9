"""check_source: THE core. Both front ends (flake8 plugin, importguard command) call it."""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from flake8_importguard.config import Settings
from flake8_importguard.model import Finding
from flake8_importguard.project import ProjectIndex, find_root
from flake8_importguard.resolver import Resolver
from flake8_importguard.rules import EVERY_FILE_RULES, RULES
from flake8_importguard.suggest import Homes
from flake8_importguard.suite import Suite
from flake8_importguard.summary import absolute_module, iter_statements, type_checking_only_nodes
from flake8_importguard.uses import bound_names


@dataclass
class Project:
    """Everything known about one project in this process: index, resolver, reverse lookup."""

    index: ProjectIndex
    resolver: Resolver = field(init=False)
    homes: Homes = field(init=False)

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.index)
        self.homes = Homes(self.index)

    @cached_property
    def suite(self) -> Suite:
        """What the test suite imports from first-party code (read on first use)."""
        return Suite(self.index)


_PROJECTS: dict[tuple[str, Settings], Project] = {}


def project_for(path: str, settings: Settings) -> Project:
    """The per-process project that `path` belongs to (read once, shared by every file)."""
    root = settings.root or find_root(path)
    key = (os.path.realpath(root), settings)
    if key not in _PROJECTS:
        _PROJECTS[key] = Project(ProjectIndex(key[0], settings))
    return _PROJECTS[key]


def forget_projects() -> None:
    """Drop every project read so far (after files on disk changed under a long-lived process)."""
    from flake8_importguard.project import clear_listing_cache

    _PROJECTS.clear()
    clear_listing_cache()


@dataclass
class Context:
    """What a rule may ask about the file under check."""

    path: str
    tree: ast.Module
    project: Project
    settings: Settings

    @property
    def index(self) -> ProjectIndex:
        return self.project.index

    @property
    def resolver(self) -> Resolver:
        return self.project.resolver

    @property
    def homes(self) -> Homes:
        return self.project.homes

    @cached_property
    def search(self) -> tuple[str, ...]:
        return self.index.search_path(self.path)

    @cached_property
    def package(self) -> str:
        return self.index.module_name(self.path)[1]

    def absolute(self, node: ast.ImportFrom) -> str:
        return absolute_module(self.package, node.level, node.module)

    @cached_property
    def type_checking_nodes(self) -> set[int]:
        """ids of the statements that run only for type checkers (never at runtime)."""
        return type_checking_only_nodes(self.tree)

    def runs(self, node: ast.AST) -> bool:
        """Does this statement run at import time or in a test (not only under TYPE_CHECKING)?"""
        return id(node) not in self.type_checking_nodes

    @cached_property
    def bound_names(self) -> set[str]:
        """Every name the file binds anywhere (a fix must not shadow one)."""
        return bound_names(self.tree)


_BLOCKS = (ast.mod, ast.stmt, ast.excepthandler, ast.match_case)


def rule_nodes(tree: ast.Module, table: dict) -> Iterator[ast.AST]:
    """Every node a rule in `table` may be registered for: only the module when that is all the
    rules ask for; only statements while every rule is for a statement (the expressions, most of
    a file, are not walked)."""
    if set(table) <= {ast.Module}:
        return iter((tree,))
    if all(issubclass(node_type, _BLOCKS) for node_type in table):
        return iter_statements(tree)
    if any(issubclass(node_type, ast.expr_context) for node_type in table):
        return ast.walk(tree)
    return _walk(tree)


def _walk(tree: ast.AST) -> Iterator[ast.AST]:
    """ast.walk without the Load/Store/Del markers, in about two thirds of its time."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                stack.extend(v for v in reversed(value) if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST) and name != "ctx":
                stack.append(value)


def check_tree(tree: ast.Module, path: str, settings: Settings) -> list[Finding]:
    project = project_for(path, settings)
    table = RULES if project.index.is_test_file(path) else EVERY_FILE_RULES
    if not table:
        return []
    ctx = Context(path, tree, project, settings)
    findings: list[Finding] = []
    for node in rule_nodes(tree, table):
        for func in table.get(type(node), ()):
            findings.extend(func(ctx, node))
    findings.sort(key=lambda f: (f.line, f.col, f.code, f.name))
    return findings


# flake8's own spelling of `# noqa` (flake8.defaults.NOQA_INLINE_REGEX, NOQA_FILE).
_NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.I)
_NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.I)


def not_suppressed(findings: list[Finding], source: str | bytes) -> list[Finding]:
    """Drop findings that a `# noqa` comment silences, as flake8 would (for the importguard command)."""
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    lines = text.splitlines()
    if any(_NOQA_FILE.match(line) for line in lines):
        return []
    kept = []
    for finding in findings:
        line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        match = _NOQA.search(line)
        if match is None:
            kept.append(finding)
        elif match.group("codes") and not any(
            finding.code.startswith(code) for code in re.split(r"[,\s]+", match.group("codes")) if code
        ):
            kept.append(finding)
    return kept


def check_source(source: str | bytes, path: str, settings: Settings) -> list[Finding]:
    """Findings for one file's source. Raises SyntaxError/ValueError when it does not parse."""
    tree = ast.parse(source, filename=path)
    return check_tree(tree, path, settings)
