"""Where an import that replaces a module-level placeholder goes, so that the fixed file passes
the checks it passed before: into the file's import block (pycodestyle's E402 allows an import
only before other code), joined with a `from M import ...` of the same module already there, else
after the imports of its own package, else at the end of the block (a blank line apart when the
import above is of the standard library: isort's sections), and wrapped in parentheses, one name a
line, when it would pass the line length (as isort and black write it)."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Sequence

import libcst as cst

from flake8_importguard.fix.fixer.nodes import bound, dotted
from flake8_importguard.index.style import DEFAULT_LINE_LENGTH

__all__ = ["DEFAULT_LINE_LENGTH", "Wanted", "hoist", "import_block"]


@dataclass(frozen=True)
class Wanted:
    module: str
    name: str
    as_name: str
    comment: str = ""  # the placeholder line's own comment: it goes with the import

    @property
    def alias_text(self) -> str:
        return self.name if self.name == self.as_name else f"{self.name} as {self.as_name}"


def _imports_only(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def _allowed_before_imports(stmt: cst.CSTNode, first: bool) -> bool:
    """What pycodestyle lets stand above an import: a docstring, imports, compound statements
    (`try`, `if`: their bodies are indented), dunder assignments (`__all__ = [...]`)."""
    if _imports_only(stmt) or isinstance(stmt, (cst.Try, cst.If, cst.With)):
        return True
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    small = stmt.body[0]
    if first and isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        name = small.targets[0].target.value
        return name.startswith("__") and name.endswith("__")
    return False


def import_block(body: Sequence[cst.BaseStatement]) -> tuple[int, list[int]]:
    """(where a new import line goes: after the last import line above any other code, or after
    a leading docstring; the indexes of those import lines)."""
    lines: list[int] = []
    at = 0
    for i, stmt in enumerate(body):
        if not _allowed_before_imports(stmt, i == 0):
            break
        if _imports_only(stmt):
            lines.append(i)
            at = i + 1
        elif i == 0 and not isinstance(stmt, (cst.Try, cst.If, cst.With)):
            at = 1  # the docstring
    return at, lines


STANDARD = frozenset(sys.stdlib_module_names) | {"__future__"}


def _tops(stmt: cst.BaseStatement) -> set[str]:
    """The top-level packages an import line imports from ("" for a relative import)."""
    tops: set[str] = set()
    for node in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
        if isinstance(node, cst.ImportFrom):
            tops.add("" if node.relative else dotted(node.module).partition(".")[0])
        elif isinstance(node, cst.Import):
            tops.update(dotted(alias.name).partition(".")[0] for alias in node.names)
    return tops


def _joinable(stmt: cst.BaseStatement, module: str) -> cst.ImportFrom | None:
    """The one `from module import a, b` of a line, when a name can be added to it safely."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    node = stmt.body[0]
    if not isinstance(node, cst.ImportFrom) or node.relative or isinstance(node.names, cst.ImportStar):
        return None
    if dotted(node.module) != module or "#" in cst.Module(body=[]).code_for_node(node):
        return None  # another module, or comments inside its parentheses
    return node


def _render(module: str, aliases: list[str], length: int, newline: str) -> str:
    """`from module import a, b` on one line, or wrapped one name a line when it is too long."""
    line = f"from {module} import {', '.join(aliases)}"
    if len(line) <= length:
        return line + newline
    inner = "".join(f"    {alias},{newline}" for alias in aliases)
    return f"from {module} import ({newline}{inner}){newline}"


def _alias_text(alias: cst.ImportAlias) -> str:
    name = dotted(alias.name)
    return name if alias.asname is None else f"{name} as {bound(alias)}"


def hoist(module: cst.Module, wanted: list[Wanted], length: int) -> cst.Module:
    """`module` with each wanted import in its import block (see the module doc)."""
    body: list[cst.BaseStatement] = list(module.body)
    newline = module.default_newline
    config = module.config_for_parsing
    for want in wanted:
        at, lines = import_block(body)
        target = next((i for i in lines if _joinable(body[i], want.module)), None) if want.name else None
        if target is not None:
            node = _joinable(body[target], want.module)
            assert node is not None and not isinstance(node.names, cst.ImportStar)
            aliases = [_alias_text(a) for a in node.names]
            if want.alias_text not in aliases:
                aliases.append(want.alias_text)
            old = body[target]
            assert isinstance(old, cst.SimpleStatementLine)
            new = cst.parse_statement(_render(want.module, aliases, length, newline), config)
            assert isinstance(new, cst.SimpleStatementLine)
            extra = [cst.EmptyLine(comment=cst.Comment(want.comment))] if want.comment else []
            leading = [*old.leading_lines, *extra]
            body[target] = old.with_changes(body=new.body, leading_lines=leading)
            continue
        text = _render(want.module, [want.alias_text], length, newline) if want.name else \
            f"import {want.module}{newline}"  # the name is a module's (IMG107: `import pytest`)
        statement = cst.parse_statement(text, config)
        assert isinstance(statement, cst.SimpleStatementLine)
        if want.comment:
            comment = cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(want.comment))
            statement = statement.with_changes(trailing_whitespace=comment)
        top = want.module.partition(".")[0]
        standard = not want.name and top in STANDARD  # `import os`: in the standard library's section
        own = [i for i in lines if _tops(body[i]) <= STANDARD] if standard else [
            i for i in lines if _tops(body[i]) == {top}] if want.name else []
        if own:
            at = own[-1] + 1  # with the imports of its own package, or of the standard library
        elif standard and lines:  # isort's first section: before the block, with the lines above it
            at = lines[0]
            first = body[at]
            assert isinstance(first, cst.SimpleStatementLine)  # an import line
            statement = statement.with_changes(leading_lines=first.leading_lines)
            body[at] = first.with_changes(leading_lines=[cst.EmptyLine()])
        elif lines and at == lines[-1] + 1 and _tops(body[lines[-1]]) <= STANDARD:
            statement = statement.with_changes(leading_lines=[cst.EmptyLine()])  # a section of its own
        if not lines and at < len(body):
            body[at] = _apart(body[at])
        body.insert(at, statement)
    return module.with_changes(body=body)


def _apart(stmt: cst.BaseStatement) -> cst.BaseStatement:
    """The statement that follows a file's first import, set apart from it as pycodestyle and
    isort want: two blank lines before a def or class (E302), one before other code."""
    if not isinstance(stmt, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        return stmt
    wanted = 2 if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) else 1
    blank = 0
    for line in stmt.leading_lines:
        if line.comment is not None:
            break
        blank += 1
    if blank >= wanted:
        return stmt
    return stmt.with_changes(leading_lines=[*(cst.EmptyLine() for _ in range(wanted - blank)), *stmt.leading_lines])
