"""Rewriting: import statements renamed, split or moved; placeholders replaced by imports;
`try: import ... except ImportError: <placeholders>` unwrapped."""
from __future__ import annotations

import ast
import dataclasses
from typing import Sequence

import libcst as cst

from flake8_importguard.base.model import Finding, FixKind, NotFixed
from flake8_importguard.base.syntax import IMPORT_ERRORS, bound_names
from flake8_importguard.fix.fixer.locate import Plan
from flake8_importguard.fix.fixer.nodes import bound, dotted, module_text, with_names
from flake8_importguard.fix.fixer.place import ImportStyle, Wanted, hoist


def _import(module: str, pairs: list[tuple[str, str]]) -> cst.ImportFrom:
    names = [
        cst.ImportAlias(cst.Name(name), cst.AsName(cst.Name(as_name)) if as_name != name else None)
        for name, as_name in pairs
    ]
    return cst.ImportFrom(module=cst.parse_expression(module), names=names)  # type: ignore[arg-type]


def _renamed(alias: cst.ImportAlias, target: str, as_name: str) -> cst.ImportAlias:
    if target == as_name:
        return alias.with_changes(name=cst.Name(target), asname=None)
    asname = alias.asname or cst.AsName(cst.Name(as_name))
    return alias.with_changes(name=cst.Name(target), asname=asname)


def rewrite_from(node: cst.ImportFrom, moves: dict[str, tuple[str, str]]) -> list[cst.ImportFrom]:
    """`moves`: bound name -> (target module, target name); "" module means rename in place.

    Names that move keep their own layout and comments: a new statement for each target module
    is shaped like the original (parentheses, one name a line), the original's own comment
    staying on the original."""
    assert not isinstance(node.names, cst.ImportStar)
    groups: dict[str, list[tuple[int, cst.ImportAlias]]] = {}  # "" = stays in this statement
    here = module_text(node)
    for i, alias in enumerate(node.names):
        as_name = bound(alias)
        module, name = moves.get(as_name, ("", ""))
        if module == here:
            module = ""
        if name and name != dotted(alias.name):
            alias = _renamed(alias, name, as_name)
        groups.setdefault(module, []).append((i, alias))
    result: list[cst.ImportFrom] = []
    for module, aliases in groups.items():
        if not module:
            result.insert(0, with_names(node, aliases))
            continue
        shape = node.with_changes(module=cst.parse_expression(module), relative=[])
        if result or "" in groups:
            shape = shape.with_changes(lpar=_quiet(node.lpar))
        result.append(with_names(shape, aliases))
    return result


def _quiet(lpar: cst.LeftParen | None) -> cst.LeftParen | None:
    """A copy of an opening parenthesis without the comment that follows it."""
    if lpar is not None and isinstance(lpar.whitespace_after, cst.ParenthesizedWhitespace):
        return lpar.with_changes(whitespace_after=lpar.whitespace_after.with_changes(
            first_line=cst.TrailingWhitespace()))
    return lpar


def _catches_import_error(handler: cst.ExceptHandler) -> bool:
    kind = handler.type
    names = [e.value for e in kind.elements] if isinstance(kind, cst.Tuple) else [kind]
    return bool(names) and all(isinstance(n, cst.Name) and n.value in IMPORT_ERRORS for n in names)


def _binds(statements: Sequence[cst.CSTNode]) -> set[str]:
    """Names bound by plain statements (the handler's placeholders, an else block)."""
    plain = [s for s in statements if isinstance(s, (cst.SimpleStatementLine, cst.BaseCompoundStatement))]
    code = cst.Module(body=plain).code
    try:
        return bound_names(ast.parse(code))
    except SyntaxError:
        return {"<unreadable>"}


def _unwrap_try(node: cst.Try, findings: list[Finding]) -> list[cst.BaseStatement] | NotFixed:
    if node.finalbody is not None or not isinstance(node.body, cst.IndentedBlock):
        return NotFixed.NOT_SIMPLE
    if not node.handlers or not all(_catches_import_error(h) for h in node.handlers):
        return NotFixed.NOT_SIMPLE
    moves = {f.fix.name: (f.fix.target_module, f.fix.target_name) for f in findings if f.fix}
    imported: set[str] = set()
    statements: list[cst.BaseStatement] = []
    for line in node.body.body:
        if not isinstance(line, cst.SimpleStatementLine) or not all(
            isinstance(s, cst.ImportFrom) and not isinstance(s.names, cst.ImportStar) for s in line.body
        ):
            return NotFixed.NOT_SIMPLE
        smalls: list[cst.BaseSmallStatement] = []
        for small in line.body:
            assert isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
            imported.update(bound(a) for a in small.names)
            smalls.extend(rewrite_from(small, moves))
        statements.extend(lines_of(line, smalls))
    if not imported <= moves.keys():
        return NotFixed.TRY_PARTIAL
    orelse = list(node.orelse.body.body) if node.orelse and isinstance(node.orelse.body, cst.IndentedBlock) else []
    if node.orelse and not orelse:
        return NotFixed.NOT_SIMPLE
    handled = _binds([s for h in node.handlers for s in h.body.body]) if all(
        isinstance(h.body, cst.IndentedBlock) for h in node.handlers) else {"<suite>"}
    if not handled <= imported | _binds(orelse):
        return NotFixed.TRY_DOES_MORE
    statements.extend(orelse)
    first = statements[0]
    if isinstance(first, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        statements[0] = first.with_changes(leading_lines=[*node.leading_lines, *first.leading_lines])
    return statements


def lines_of(line: cst.SimpleStatementLine, smalls: list[cst.BaseSmallStatement]) -> list[cst.BaseStatement]:
    """A statement line whose single import became several: one line each, the first keeping
    the original's comments."""
    if len(line.body) != 1 or len(smalls) == 1:
        return [line.with_changes(body=smalls)]
    return [line.with_changes(body=[smalls[0]]), *(cst.SimpleStatementLine(body=[s]) for s in smalls[1:])]


class Rewriter(cst.CSTTransformer):
    """Carries out a Plan; `refused` holds, by id of the finding, why a fix was not applied."""

    def __init__(self, plan: Plan, style: ImportStyle = ImportStyle()) -> None:
        super().__init__()
        self.plan = plan
        self.refused: dict[int, NotFixed] = {}
        self.split: set[int] = set()
        self.style = style
        self.depth = 0  # inside an indented block or a one-line suite: not module level
        # imports that replace module-level placeholders, and those added for unbound names (place.py)
        self.hoisted: list[Wanted] = [Wanted(f.fix.target_module, f.fix.target_name, f.fix.name)
                                      for f in plan.adds if f.fix is not None]
        self.hoisted_smalls: set[int] = set()  # the placeholder assignments they replace
        self.drop: set[int] = set()  # statement lines that held nothing else

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> bool:
        self.depth += 1
        return True

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
                            ) -> cst.IndentedBlock:
        self.depth -= 1
        return updated_node

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> bool:
        self.depth += 1
        return True

    def leave_SimpleStatementSuite(self, original_node: cst.SimpleStatementSuite,
                                   updated_node: cst.SimpleStatementSuite) -> cst.SimpleStatementSuite:
        self.depth -= 1
        return updated_node

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        """Module-level placeholders leave their lines (comments above them stay, on the next
        statement) and their imports go into the import block."""
        if not self.hoisted:
            return updated_node
        body: list[cst.BaseStatement] = []
        carried: list[cst.EmptyLine] = []
        for stmt in updated_node.body:
            if id(stmt) in self.drop and isinstance(stmt, cst.SimpleStatementLine):
                carried += [line for line in stmt.leading_lines if line.comment is not None]
                continue
            if carried and isinstance(stmt, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                stmt = stmt.with_changes(leading_lines=[*carried, *stmt.leading_lines])
                carried = []
            body.append(stmt)
        module = updated_node.with_changes(body=body, footer=[*carried, *updated_node.footer])
        return hoist(module, self.hoisted, self.style)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
                         ) -> cst.ImportFrom | cst.FlattenSentinel[cst.BaseSmallStatement]:
        findings = self.plan.imports.get(id(original_node))
        if not findings:
            return updated_node
        whole = [f.fix for f in findings if f.fix and f.fix.kind is FixKind.MOVE_MODULE]
        if whole:
            for other in findings:
                if other.fix is not whole[0]:
                    self.refused[id(other)] = NotFixed.CONFLICT
            return updated_node.with_changes(module=cst.parse_expression(whole[0].target_module), relative=[])
        moves: dict[str, tuple[str, str]] = {}
        for f in findings:
            fix = f.fix
            assert fix is not None
            if fix.name in moves:
                self.refused[id(f)] = NotFixed.CONFLICT
                continue
            moves[fix.name] = ("" if fix.kind is FixKind.ALIAS else fix.target_module, fix.target_name)
        new = rewrite_from(updated_node, moves)
        if len(new) == 1:
            return new[0]
        self.split.add(id(original_node))
        return cst.FlattenSentinel(new)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
                                  ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.BaseStatement]:
        kept = [small for small in updated_node.body if id(small) not in self.hoisted_smalls]
        if len(kept) != len(updated_node.body):
            if not kept:
                self.drop.add(id(updated_node))
                comment = updated_node.trailing_whitespace.comment
                if comment is not None and len(updated_node.body) == 1:
                    self.hoisted[-1] = dataclasses.replace(self.hoisted[-1], comment=comment.value)
                return updated_node
            kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            return updated_node.with_changes(body=kept)
        if len(original_node.body) == 1 and id(original_node.body[0]) in self.split:
            return cst.FlattenSentinel(lines_of(original_node, list(updated_node.body)))
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.BaseSmallStatement:
        return self._placeholder(original_node, updated_node)

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign) -> cst.BaseSmallStatement:
        return self._placeholder(original_node, updated_node)

    def _placeholder(self, original_node: cst.Assign | cst.AnnAssign, updated_node: cst.Assign | cst.AnnAssign
                     ) -> cst.BaseSmallStatement:
        finding = self.plan.assigns.get(id(original_node))
        if finding is None or finding.fix is None:
            return updated_node
        fix = finding.fix
        if self.depth == 0:  # goes into the import block (place.py)
            self.hoisted.append(Wanted(fix.target_module, fix.target_name, fix.name))
            self.hoisted_smalls.add(id(updated_node))
            return updated_node
        new = _import(fix.target_module, [(fix.target_name, fix.name)])
        return new.with_changes(semicolon=updated_node.semicolon)

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try
                  ) -> cst.Try | cst.FlattenSentinel[cst.BaseStatement]:
        findings = self.plan.tries.get(id(original_node))
        if not findings:
            return updated_node
        result = _unwrap_try(updated_node, findings)
        if isinstance(result, NotFixed):
            for f in findings:
                self.refused[id(f)] = result
            return updated_node
        return cst.FlattenSentinel(result)
