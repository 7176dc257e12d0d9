"""Where an import that replaces a module-level placeholder (or that an unbound name needs) goes,
so that the fixed file passes the checks it passed before: into the file's import block
(pycodestyle's E402 allows an import only before other code), joined with a `from M import ...` of
the same module already there, else in isort's place for it (the order isort and ruff's `I` rules
keep by default: the sections future, standard library, third party, first party, local, a blank
line between them; in a section, `import x` lines before `from x import` lines, each by module),
and wrapped in parentheses, one name a line, when it would pass the line length (as isort and
black write it)."""
from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import Sequence

import libcst as cst

from flake8_importguard.fix.fixer.nodes import bound, dotted
from flake8_importguard.index.style import ImportStyle

__all__ = ["ImportStyle", "Wanted", "hoist", "import_block"]


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


STANDARD_LIBRARY = frozenset(sys.stdlib_module_names)


class Section(enum.IntEnum):
    """isort's sections, in their order."""

    FUTURE = 0
    STANDARD = 1
    THIRD_PARTY = 2
    FIRST_PARTY = 3
    LOCAL = 4


def _section(top: str, style: ImportStyle) -> Section:
    """The section of an import of the top-level package `top` ("" for a relative import)."""
    if not top:
        return Section.LOCAL
    if top == "__future__":
        return Section.FUTURE
    if top in STANDARD_LIBRARY:
        return Section.STANDARD
    return Section.FIRST_PARTY if top in style.first_party else Section.THIRD_PARTY


Order = tuple[Section, bool, str]  # where isort puts an import line: section, `from` or not, module


def _order(stmt: cst.BaseStatement, style: ImportStyle) -> Order:
    """Where isort puts an import line (by its first import)."""
    assert isinstance(stmt, cst.SimpleStatementLine)
    node = stmt.body[0]
    if isinstance(node, cst.ImportFrom):
        module = dotted(node.module) if node.module else ""
        if node.relative:  # isort's key: `from ..b` before `from . import x` before `from .a`
            return Section.LOCAL, True, "." * len(node.relative) + "_" + module.lower()
        return _section(module.partition(".")[0], style), True, module.lower()
    assert isinstance(node, cst.Import)
    module = dotted(node.names[0].name)
    return _section(module.partition(".")[0], style), False, module.lower()


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


def _name_order(alias: str) -> tuple[int, str]:
    """Where isort puts an imported name in its `from` line: constants, then classes, then the
    rest, each by its lower case."""
    name = alias.split()[0]
    return (0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2), name.lower()


def _render(module: str, aliases: list[str], length: int, newline: str, comment: str = "") -> str:
    """`from module import a, b  # comment` on one line, or wrapped one name a line when it is too
    long (the comment after the parenthesis that opens, where isort's black profile and ruff put it)."""
    after = f"  {comment}" if comment else ""
    line = f"from {module} import {', '.join(aliases)}"
    if len(line) <= length:
        return line + after + newline
    inner = "".join(f"    {alias},{newline}" for alias in aliases)
    return f"from {module} import ({after}{newline}{inner}){newline}"


def _alias_text(alias: cst.ImportAlias) -> str:
    name = dotted(alias.name)
    return name if alias.asname is None else f"{name} as {bound(alias)}"


def hoist(module: cst.Module, wanted: list[Wanted], style: ImportStyle) -> cst.Module:
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
            if want.alias_text not in aliases:  # before the first name isort puts after it
                order = _name_order(want.alias_text)
                aliases.insert(next((i for i, a in enumerate(aliases) if order < _name_order(a)), len(aliases)),
                               want.alias_text)
            old = body[target]
            assert isinstance(old, cst.SimpleStatementLine)
            new = cst.parse_statement(_render(want.module, aliases, style.line_length, newline), config)
            assert isinstance(new, cst.SimpleStatementLine)
            extra = [cst.EmptyLine(comment=cst.Comment(want.comment))] if want.comment else []
            leading = [*old.leading_lines, *extra]
            body[target] = old.with_changes(body=new.body, leading_lines=leading)
            continue
        text = _render(want.module, [want.alias_text], style.line_length, newline, want.comment) if want.name else \
            f"import {want.module}{newline}"  # the name is a module's (IMG107: `import pytest`)
        statement = cst.parse_statement(text, config)
        assert isinstance(statement, cst.SimpleStatementLine)
        if not lines and at < len(body):
            body[at] = _apart(body[at])
        at, statement = _in_order(body, lines, statement, style) if lines else (at, statement)
        body.insert(at, statement)
    return module.with_changes(body=body)


def _in_order(body: list[cst.BaseStatement], lines: list[int], statement: cst.SimpleStatementLine,
              style: ImportStyle) -> tuple[int, cst.SimpleStatementLine]:
    """Where in the import block (`lines`, the indexes of its import lines) the new import line
    goes, as isort orders it, and the line with the blank lines it needs; the line it goes before
    may be given other blank lines (changed in `body`)."""
    order = _order(statement, style)
    placed = [(i, _order(body[i], style)) for i in lines]
    same = [i for i, found in placed if found[0] == order[0]]
    before = next((i for i, found in placed if found[0] == order[0] and order < found), None)
    later = next((i for i, found in placed if found[0] > order[0]), None)
    if before is None and same:
        return same[-1] + 1, statement  # last in its section
    if before is None and later is None:  # a section of its own, the block's last
        return lines[-1] + 1, statement.with_changes(leading_lines=[cst.EmptyLine()])
    at = before if before is not None else later
    assert at is not None
    following = body[at]
    assert isinstance(following, cst.SimpleStatementLine)  # an import line
    if before is not None and at != same[0]:
        return at, statement  # inside its section
    # first in its section, or a section of its own before a later one: the lines above the line it
    # goes before (blank lines, the section's comments) are its own now
    blank = 0
    while blank < len(following.leading_lines) and following.leading_lines[blank].comment is None:
        blank += 1
    rest = list(following.leading_lines[blank:]) if before is None else []
    kept = list(following.leading_lines[:blank]) if before is None else list(following.leading_lines)
    body[at] = following.with_changes(leading_lines=[] if before is not None else [cst.EmptyLine(), *rest])
    return at, statement.with_changes(leading_lines=kept)


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
