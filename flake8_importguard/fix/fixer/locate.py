"""Finding the statements that fixes rewrite: each Fix names a line; the locator lists the
import statements, assignments and `try` statements by line, and the plan attaches each finding
to the node it rewrites."""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import PositionProvider

from flake8_importguard.base.model import Finding, FixKind, NotFixed
from flake8_importguard.fix.fixer.nodes import assigned_name, bound, dotted, same_module

IMPORT_KINDS = (FixKind.ALIAS, FixKind.MOVE, FixKind.MOVE_MODULE)


class Locator(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.imports: dict[int, list[cst.ImportFrom]] = {}
        self.assigns: dict[int, list[tuple[cst.Assign | cst.AnnAssign, cst.Try | None]]] = {}
        self.tries: dict[int, list[cst.Try]] = {}
        self._tries: list[cst.Try] = []
        self._handled: list[cst.Try | None] = []

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
        self._handled.append(None)  # a def inside a handler is not the handler

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._handled.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        self._assign(node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._assign(node)

    def _assign(self, node: cst.Assign | cst.AnnAssign) -> None:
        owner = self._handled[-1] if self._handled else None
        self.assigns.setdefault(self._line(node), []).append((node, owner))


@dataclass
class Plan:
    imports: dict[int, list[Finding]] = field(default_factory=dict)  # id(ImportFrom) -> findings
    assigns: dict[int, Finding] = field(default_factory=dict)  # id(Assign) -> finding
    tries: dict[int, list[Finding]] = field(default_factory=dict)  # id(Try) -> findings
    adds: list[Finding] = field(default_factory=list)  # imports the import block gains

    def findings(self) -> list[Finding]:
        return [*(f for fs in self.imports.values() for f in fs), *self.assigns.values(),
                *(f for fs in self.tries.values() for f in fs), *self.adds]

    def add(self, where: Locator, finding: Finding) -> NotFixed | None:
        """Attach a finding to the statement it rewrites; the reason it cannot be, otherwise."""
        fix = finding.fix
        assert fix is not None
        if fix.kind in IMPORT_KINDS:
            for node in where.imports.get(fix.line, []):
                if not same_module(node, finding.module) or isinstance(node.names, cst.ImportStar):
                    continue
                if fix.kind is FixKind.MOVE_MODULE or any(
                    dotted(a.name) == finding.name and bound(a) == fix.name for a in node.names
                ):
                    self.imports.setdefault(id(node), []).append(finding)
                    return None
            return NotFixed.NOT_FOUND
        if fix.kind is FixKind.ADD_IMPORT:
            if any(f.fix is not None and f.fix.name == fix.name for f in self.adds):
                return NotFixed.CONFLICT
            self.adds.append(finding)
            return None
        if fix.kind is not FixKind.REPLACE_PLACEHOLDER:
            return NotFixed.NOT_SUPPORTED
        for try_node in where.tries.get(fix.line, []):
            self.tries.setdefault(id(try_node), []).append(finding)
            return None
        for assign, owner in where.assigns.get(fix.line, []):
            if assigned_name(assign) != fix.name:
                continue
            if owner is not None:
                self.tries.setdefault(id(owner), []).append(finding)
            elif id(assign) in self.assigns:
                return NotFixed.CONFLICT
            else:
                self.assigns[id(assign)] = finding
            return None
        return NotFixed.NOT_FOUND
