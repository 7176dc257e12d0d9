"""The only module that imports libcst: it rewrites import statements from Fix data, never the uses.

`apply(source, findings)` takes the bytes of one file and findings whose `fix` is certain, and
returns a `Result`; it never raises and never returns source that does not parse. libcst keeps
comments, quoting, parentheses, encoding (coding cookie, BOM) and line endings.

What each Fix kind does (`finding.name` is the imported name, `fix.name` the name the file binds):
  alias        `from m import Usr`  ->  `from m import User as Usr`
  move         the name leaves its statement for `from <target_module> import <name> [as bound]`,
               written right after it (or in its place when every name of the statement moves there)
  move-module  the statement's module becomes `target_module` (relative dots dropped)
  replace-placeholder  `fix.line` is the line of the placeholder assignment, or of the `try`
               statement that swallows the ImportError (an assignment inside an `except` counts as
               its `try`). `Thread = Mock` -> `from <target_module> import <target_name> as Thread`;
               `try: <from-imports> except ImportError: <placeholders>` -> the imports, each name
               with a fix imported from its target. The `try` is unwrapped only when every name its
               body imports has a fix, its handlers catch ImportError/ModuleNotFoundError only, bind
               nothing else, and there is no `finally`. Imports that only the removed code used
               (`Mock`, `unittest`) are dropped; others stay.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_importguard.model import Finding
from flake8_importguard.uses import bound_names, imports_left_unused

IMPORT_KINDS = ("alias", "move", "move-module")
PLACEHOLDER = "replace-placeholder"
_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


@dataclass(frozen=True)
class Result:
    source: bytes  # the new source; the input itself when nothing changed
    applied: tuple[Finding, ...] = ()
    skipped: tuple[tuple[Finding, str], ...] = ()  # reason keys: codes.NOT_FIXED

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def apply(source: bytes, findings: Sequence[Finding]) -> Result:
    """Apply the fixes of `findings` to one file's bytes (see module doc). Never raises."""
    wanted = [f for f in findings if f.fix is not None]
    if not wanted:
        return Result(source)
    try:
        module = cst.parse_module(source)
    except Exception:  # libcst's ParserSyntaxError, or anything it cannot read
        return Result(source, (), tuple((f, "unparsable") for f in wanted))
    try:
        return _apply(source, module, wanted)
    except Exception:  # habit 8: the fixer never raises
        return Result(source, (), tuple((f, "internal-error") for f in wanted))


def _apply(source: bytes, module: cst.Module, findings: list[Finding]) -> Result:
    wrapper = MetadataWrapper(module)
    locator = _Locator()
    wrapper.visit(locator)
    plan = _Plan()
    skipped: list[tuple[Finding, str]] = []
    for finding in findings:
        reason = plan.add(locator, finding)
        if reason:
            skipped.append((finding, reason))
    rewriter = _Rewriter(plan)
    new = wrapper.module.visit(rewriter)
    for finding in plan.findings():
        reason = rewriter.refused.get(id(finding), "")
        if reason:
            skipped.append((finding, reason))
    applied = tuple(f for f in plan.findings() if id(f) not in rewriter.refused)
    if not applied:
        return Result(source, (), tuple(skipped))
    new = _drop_unused(source, new, {f.fix.name for f in applied if f.fix and f.fix.name})
    output = new.bytes
    if output == source:
        return Result(source, (), tuple(skipped))
    try:
        ast.parse(output)
    except (SyntaxError, ValueError):
        return Result(source, (), tuple(skipped) + tuple((f, "output-unparsable") for f in applied))
    return Result(output, applied, tuple(skipped))


# -- finding the statements ----------------------------------------------------------------------
class _Locator(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.imports: dict[int, list[cst.ImportFrom]] = {}
        self.assigns: dict[int, list[tuple[cst.Assign | cst.AnnAssign, cst.Try | None]]] = {}
        self.tries: dict[int, list[cst.Try]] = {}
        self._tries: list[cst.Try] = []
        self._handled: list[cst.Try] = []

    def _line(self, node: cst.CSTNode) -> int:
        return self.get_metadata(PositionProvider, node).start.line

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.setdefault(self._line(node), []).append(node)

    def visit_Try(self, node: cst.Try) -> None:
        self.tries.setdefault(self._line(node), []).append(node)
        self._tries.append(node)

    def leave_Try(self, original_node: cst.Try) -> None:
        self._tries.pop()

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._handled.append(self._tries[-1])

    def leave_ExceptHandler(self, original_node: cst.ExceptHandler) -> None:
        self._handled.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._handled.append(None)  # type: ignore[arg-type]  # a def inside a handler is not the handler

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._handled.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        self._assign(node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._assign(node)

    def _assign(self, node: cst.Assign | cst.AnnAssign) -> None:
        owner = self._handled[-1] if self._handled else None
        self.assigns.setdefault(self._line(node), []).append((node, owner))


def _dotted(node: cst.BaseExpression | None) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _module_text(node: cst.ImportFrom) -> str:
    return "." * len(node.relative) + _dotted(node.module)


def _bound(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return _dotted(alias.name).split(".")[0]


def _assigned_name(node: cst.Assign | cst.AnnAssign) -> str:
    if isinstance(node, cst.AnnAssign):
        target = node.target if node.value is not None else None
    else:
        target = node.targets[0].target if len(node.targets) == 1 else None
    return target.value if isinstance(target, cst.Name) else ""


def _same_module(node: cst.ImportFrom, absolute: str) -> bool:
    text = _dotted(node.module)
    if not node.relative:
        return text == absolute
    return not text or absolute == text or absolute.endswith("." + text)


@dataclass
class _Plan:
    imports: dict[int, list[Finding]] = field(default_factory=dict)  # id(ImportFrom) -> findings
    assigns: dict[int, Finding] = field(default_factory=dict)  # id(Assign) -> finding
    tries: dict[int, list[Finding]] = field(default_factory=dict)  # id(Try) -> findings

    def findings(self) -> list[Finding]:
        return [*(f for fs in self.imports.values() for f in fs), *self.assigns.values(),
                *(f for fs in self.tries.values() for f in fs)]

    def add(self, where: _Locator, finding: Finding) -> str:
        """Attach a finding to the statement it rewrites; the reason it cannot be, otherwise."""
        fix = finding.fix
        assert fix is not None
        if fix.kind in IMPORT_KINDS:
            for node in where.imports.get(fix.line, []):
                if not _same_module(node, finding.module) or isinstance(node.names, cst.ImportStar):
                    continue
                if fix.kind == "move-module" or any(
                    _dotted(a.name) == finding.name and _bound(a) == fix.name for a in node.names
                ):
                    self.imports.setdefault(id(node), []).append(finding)
                    return ""
            return "not-found"
        if fix.kind != PLACEHOLDER:
            return "not-supported"
        for try_node in where.tries.get(fix.line, []):
            self.tries.setdefault(id(try_node), []).append(finding)
            return ""
        for node, owner in where.assigns.get(fix.line, []):
            if _assigned_name(node) != fix.name:
                continue
            if owner is not None:
                self.tries.setdefault(id(owner), []).append(finding)
            elif id(node) in self.assigns:
                return "conflict"
            else:
                self.assigns[id(node)] = finding
            return ""
        return "not-found"


# -- rewriting -----------------------------------------------------------------------------------
def _import(module: str, pairs: list[tuple[str, str]]) -> cst.ImportFrom:
    names = [
        cst.ImportAlias(cst.Name(name), cst.AsName(cst.Name(bound)) if bound != name else None)
        for name, bound in pairs
    ]
    return cst.ImportFrom(module=cst.parse_expression(module), names=names)  # type: ignore[arg-type]


def _renamed(alias: cst.ImportAlias, target: str, bound: str) -> cst.ImportAlias:
    if target == bound:
        return alias.with_changes(name=cst.Name(target), asname=None)
    asname = alias.asname or cst.AsName(cst.Name(bound))
    return alias.with_changes(name=cst.Name(target), asname=asname)


def _rewrite_from(node: cst.ImportFrom, moves: dict[str, tuple[str, str]]) -> list[cst.ImportFrom]:
    """`moves`: bound name -> (target module, target name); "" module means rename in place.

    Names that move keep their own layout and comments: a new statement for each target module
    is shaped like the original (parentheses, one name a line), the original's own comment
    staying on the original."""
    assert not isinstance(node.names, cst.ImportStar)
    groups: dict[str, list[tuple[int, cst.ImportAlias]]] = {}  # "" = stays in this statement
    here = _module_text(node)
    for i, alias in enumerate(node.names):
        bound = _bound(alias)
        module, name = moves.get(bound, ("", ""))
        if module == here:
            module = ""
        if name and name != _dotted(alias.name):
            alias = _renamed(alias, name, bound)
        groups.setdefault(module, []).append((i, alias))
    result = []
    for module, aliases in groups.items():
        if not module:
            result.insert(0, _with_names(node, aliases))
            continue
        shape = node.with_changes(module=cst.parse_expression(module), relative=[])
        if result or "" in groups:
            shape = shape.with_changes(lpar=_quiet(node.lpar))
        result.append(_with_names(shape, aliases))
    return result


def _quiet(lpar: cst.LeftParen | None) -> cst.LeftParen | None:
    """A copy of an opening parenthesis without the comment that follows it."""
    if lpar is not None and isinstance(lpar.whitespace_after, cst.ParenthesizedWhitespace):
        return lpar.with_changes(whitespace_after=lpar.whitespace_after.with_changes(
            first_line=cst.TrailingWhitespace()))
    return lpar


def _with_names(node, kept: list[tuple[int, cst.ImportAlias]]):
    """`node` with only the aliases `kept` (index in node.names, alias); when the original last
    alias is gone, its comma and closing layout move to the new last one, whose comment stays."""
    names = [alias for _, alias in kept]
    last = node.names[-1]
    if kept[-1][0] == len(node.names) - 1:
        return node.with_changes(names=names)
    comma = names[-1].comma
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
    return node.with_changes(names=[*names[:-1], names[-1].with_changes(comma=comma)])


def _catches_import_error(handler: cst.ExceptHandler) -> bool:
    kind = handler.type
    names = [e.value for e in kind.elements] if isinstance(kind, cst.Tuple) else [kind]
    return bool(names) and all(isinstance(n, cst.Name) and n.value in _IMPORT_ERRORS for n in names)


def _binds(statements: Sequence[cst.CSTNode]) -> set[str]:
    """Names bound by plain statements (the handler's placeholders, an else block)."""
    code = cst.Module(body=[s for s in statements if isinstance(s, cst.BaseStatement)]).code
    try:
        return bound_names(ast.parse(code))
    except SyntaxError:
        return {"<unreadable>"}


def _unwrap_try(node: cst.Try, findings: list[Finding]) -> list[cst.BaseStatement] | str:
    if node.finalbody is not None or not isinstance(node.body, cst.IndentedBlock):
        return "not-simple"
    if not node.handlers or not all(_catches_import_error(h) for h in node.handlers):
        return "not-simple"
    moves = {f.fix.name: (f.fix.target_module, f.fix.target_name) for f in findings if f.fix}
    bound: set[str] = set()
    statements: list[cst.BaseStatement] = []
    for line in node.body.body:
        if not isinstance(line, cst.SimpleStatementLine) or not all(
            isinstance(s, cst.ImportFrom) and not isinstance(s.names, cst.ImportStar) for s in line.body
        ):
            return "not-simple"
        smalls: list[cst.BaseSmallStatement] = []
        for small in line.body:
            assert isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
            bound.update(_bound(a) for a in small.names)
            smalls.extend(_rewrite_from(small, moves))
        statements.extend(_lines(line, smalls))
    if not bound <= moves.keys():
        return "try-partial"
    orelse = list(node.orelse.body.body) if node.orelse and isinstance(node.orelse.body, cst.IndentedBlock) else []
    if node.orelse and not orelse:
        return "not-simple"
    handled = _binds([s for h in node.handlers for s in h.body.body]) if all(
        isinstance(h.body, cst.IndentedBlock) for h in node.handlers) else {"<suite>"}
    if not handled <= bound | _binds(orelse):
        return "try-does-more"
    statements.extend(orelse)
    first = statements[0]
    statements[0] = first.with_changes(leading_lines=[*node.leading_lines, *first.leading_lines])
    return statements


def _lines(line: cst.SimpleStatementLine, smalls: list[cst.BaseSmallStatement]) -> list[cst.BaseStatement]:
    """A statement line whose single import became several: one line each, the first keeping
    the original's comments."""
    if len(line.body) != 1 or len(smalls) == 1:
        return [line.with_changes(body=smalls)]
    return [line.with_changes(body=[smalls[0]]), *(cst.SimpleStatementLine(body=[s]) for s in smalls[1:])]


class _Rewriter(cst.CSTTransformer):
    def __init__(self, plan: _Plan) -> None:
        super().__init__()
        self.plan = plan
        self.refused: dict[int, str] = {}
        self.split: set[int] = set()

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        findings = self.plan.imports.get(id(original_node))
        if not findings:
            return updated_node
        whole = [f for f in findings if f.fix and f.fix.kind == "move-module"]
        if whole:
            for other in findings:
                if other is not whole[0]:
                    self.refused[id(other)] = "conflict"
            module = cst.parse_expression(whole[0].fix.target_module)  # type: ignore[union-attr]
            return updated_node.with_changes(module=module, relative=[])
        moves = {}
        for f in findings:
            fix = f.fix
            assert fix is not None
            if fix.name in moves:
                self.refused[id(f)] = "conflict"
                continue
            moves[fix.name] = ("" if fix.kind == "alias" else fix.target_module, fix.target_name)
        new = _rewrite_from(updated_node, moves)
        if len(new) == 1:
            return new[0]
        self.split.add(id(original_node))
        return cst.FlattenSentinel(new)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine):
        if len(original_node.body) == 1 and id(original_node.body[0]) in self.split:
            return cst.FlattenSentinel(_lines(original_node, list(updated_node.body)))
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign):
        return self._placeholder(original_node, updated_node)

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign):
        return self._placeholder(original_node, updated_node)

    def _placeholder(self, original_node, updated_node):
        finding = self.plan.assigns.get(id(original_node))
        if finding is None or finding.fix is None:
            return updated_node
        fix = finding.fix
        new = _import(fix.target_module, [(fix.target_name, fix.name)])
        return new.with_changes(semicolon=updated_node.semicolon)

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try):
        findings = self.plan.tries.get(id(original_node))
        if not findings:
            return updated_node
        result = _unwrap_try(updated_node, findings)
        if isinstance(result, str):
            for f in findings:
                self.refused[id(f)] = result
            return updated_node
        return cst.FlattenSentinel(result)


# -- imports only the removed code used ----------------------------------------------------------
def _drop_unused(before: bytes, after: cst.Module, keep: set[str]) -> cst.Module:
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

    def _keep(self, node: cst.Import | cst.ImportFrom):
        if isinstance(node.names, cst.ImportStar):
            return node
        kept = [(i, a) for i, a in enumerate(node.names) if _bound(a) not in self.names]
        if len(kept) == len(node.names):
            return node
        if not kept:
            return cst.RemoveFromParent()
        return _with_names(node, kept)

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import):
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

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        return self._keep(updated_node)


# -- stubs: appending definitions to a module ----------------------------------------------------
def add_definitions(source: bytes, code: str, imports: Sequence[str] = ()) -> bytes | None:
    """`source` with `code` appended and `import X` added for each missing `imports`; None when it
    cannot be done safely (the module does not parse, binds X otherwise, or the result would not parse)."""
    try:
        module = cst.parse_module(source)
        tree = ast.parse(source)
        present = {a.asname or a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names}
        missing = [name for name in imports if name not in present]
        if set(missing) & bound_names(tree):
            return None  # the module binds that name to something else
        body = list(module.body)
        at = 0
        for i, stmt in enumerate(body):
            smalls = stmt.body if isinstance(stmt, cst.SimpleStatementLine) else []
            docstring = i == 0 and len(smalls) == 1 and isinstance(smalls[0], cst.Expr) and isinstance(
                smalls[0].value, (cst.SimpleString, cst.ConcatenatedString))
            if not (docstring or smalls and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in smalls)):
                break
            at = i + 1
        body[at:at] = [cst.parse_statement(f"import {name}\n") for name in missing]
        parsed = cst.parse_module(code)
        added = list(parsed.body)
        if added:
            blank = [cst.EmptyLine()] * 2 if body else []
            added[0] = added[0].with_changes(leading_lines=[*blank, *parsed.header, *added[0].leading_lines])
        output = module.with_changes(body=[*body, *added], has_trailing_newline=True).bytes
        ast.parse(output)
        return output
    except Exception:
        return None
