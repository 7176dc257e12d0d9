"""The only package that imports libcst: it rewrites import statements from Fix data, never the uses.

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
               its `try`). `Thread = Mock` -> `from <target_module> import <target_name> as Thread`,
               at module level in the file's import block (joined with an import of the same
               module, wrapped to the line length: fixer/place.py), elsewhere in its place;
               `try: <from-imports> except ImportError: <placeholders>` -> the imports, each name
               with a fix imported from its target. The `try` is unwrapped only when every name its
               body imports has a fix, its handlers catch ImportError/ModuleNotFoundError only, bind
               nothing else, and there is no `finally`. Imports that only the removed code used
               (`Mock`, `unittest`) are dropped; others stay.
  add-import  `from <target_module> import <target_name>` joins the file's import block, as a
               module-level placeholder's import does (a name read at import that the file never
               bound: IMG107)
  patch-target, attribute  a string literal or an attribute chain inside the line (fixer/literals.py)
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper

from flake8_importguard.base.model import Finding, NotFixed
from flake8_importguard.fix.fixer import literals
from flake8_importguard.fix.fixer.definitions import add_definitions
from flake8_importguard.fix.fixer.locate import Locator, Plan
from flake8_importguard.fix.fixer.place import ImportStyle
from flake8_importguard.fix.fixer.rewrite import Rewriter
from flake8_importguard.fix.fixer.unused import drop_unused

__all__ = ["ImportStyle", "Result", "add_definitions", "apply"]


@dataclass(frozen=True)
class Result:
    source: bytes  # the new source; the input itself when nothing changed
    applied: tuple[Finding, ...] = ()
    skipped: tuple[tuple[Finding, NotFixed], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def apply(source: bytes, findings: Sequence[Finding], style: ImportStyle = ImportStyle()) -> Result:
    """Apply the fixes of `findings` to one file's bytes (see module doc). Never raises.
    `style`: the project's, for the imports the fixer adds to the import block (fixer/place.py)."""
    wanted = [f for f in findings if f.fix is not None]
    if not wanted:
        return Result(source)
    try:
        module = cst.parse_module(source)
    except Exception:  # libcst's ParserSyntaxError, or anything it cannot read
        return Result(source, (), tuple((f, NotFixed.UNPARSABLE) for f in wanted))
    try:
        return _apply(source, module, wanted, style)
    except Exception:  # habit 8: the fixer never raises
        return Result(source, (), tuple((f, NotFixed.INTERNAL_ERROR) for f in wanted))


def _apply(source: bytes, module: cst.Module, findings: list[Finding], style: ImportStyle) -> Result:
    inline = [f for f in findings if f.fix and f.fix.kind in literals.KINDS]
    module, rewritten, skipped = literals.rewrite(module, inline)
    wrapper = MetadataWrapper(module)
    locator = Locator()
    wrapper.visit(locator)
    plan = Plan()
    for finding in findings:
        reason = None if finding in inline else plan.add(locator, finding)
        if reason is not None:
            skipped.append((finding, reason))
    rewriter = Rewriter(plan, style)
    new = wrapper.module.visit(rewriter)
    skipped.extend((f, rewriter.refused[id(f)]) for f in plan.findings() if id(f) in rewriter.refused)
    applied = tuple(rewritten) + tuple(f for f in plan.findings() if id(f) not in rewriter.refused)
    if not applied:
        return Result(source, (), tuple(skipped))
    new = drop_unused(source, new, {f.fix.name for f in applied if f.fix and f.fix.name})
    output = new.bytes
    if output == source:
        return Result(source, (), tuple(skipped))
    try:
        ast.parse(output)
    except (SyntaxError, ValueError):
        return Result(source, (), tuple(skipped) + tuple((f, NotFixed.OUTPUT_UNPARSABLE) for f in applied))
    return Result(output, applied, tuple(skipped))
