"""The --stub writer: when a name a test imports exists nowhere, write an explicit, failing stub
into the first-party module the test expected (never into the test).

A stub is shaped by the test's use (uses.py): a class with the attributes the test reads, an
`enum.Enum` when the test reads constants only (`UserPlan.FREE`), a function whose parameters
accept every call. Each one raises NotImplementedError naming the test files that need it, and
carries a marker comment; IMG301 (lint/rules/stubs.py) reports it until someone implements it.
The module, and packages on the way, are created when missing, inside the project root only.
"""
from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field

from flake8_importguard.analysis.project import Project
from flake8_importguard.base.files import inside
from flake8_importguard.base.model import Finding, FixKind, NotFixed, SymbolKind
from flake8_importguard.base.syntax import absolute_module
from flake8_importguard.fix import fixer
from flake8_importguard.index.finder import LocKind
from flake8_importguard.lint.rules.stubs import STUB_MARKER
from flake8_importguard.lint.uses import Call, Use, parameters, spelled_kind, uses_of


@dataclass
class Need:
    """One name one test file imports and that is defined nowhere."""

    module: str
    name: str
    test: str  # the test file, relative to the project root
    use: Use
    search: tuple[str, ...] = ()  # sys.path as the test file sees it


@dataclass
class Write:
    path: str
    old: bytes | None  # None: a new file
    new: bytes
    names: list[str] = field(default_factory=list)


def needs_of(tree: ast.Module, path: str, findings: list[Finding], project: Project) -> list[Need]:
    """The stubs this test file asks for: findings whose fix is a stub."""
    test = project.layout.relative(path)
    package = project.layout.module_name(path)[1]
    result: list[Need] = []
    for finding in findings:
        fix = finding.fix
        if fix is None or fix.kind is not FixKind.STUB or not fix.target_module:
            continue
        if fix.target_name:
            pairs = [(fix.target_name, fix.name or fix.target_name)]
        else:  # a missing module: every name its statement imports
            pairs = [
                (alias.name, alias.asname or alias.name)
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.lineno == fix.line
                and absolute_module(package, node.level, node.module) == fix.target_module
                for alias in node.names if alias.name != "*"
            ]
        search = project.layout.search_path(path)
        result.extend(Need(fix.target_module, name, test, uses_of(tree, bound), search) for name, bound in pairs)
    return result


def plan(needs: list[Need], project: Project) -> tuple[list[Write], list[tuple[Need, NotFixed]]]:
    """The files to write (merged per module) and the needs that get no stub, with the reason."""
    by_module: dict[str, dict[str, list[Need]]] = {}
    for need in needs:
        by_module.setdefault(need.module, {}).setdefault(need.name, []).append(need)
    writes: list[Write] = []
    refused: list[tuple[Need, NotFixed]] = []
    for module, names in sorted(by_module.items()):
        first = next(iter(names.values()))[0]
        target = _target(module, project, first.search)
        if isinstance(target, NotFixed):
            refused.extend((n, target) for group in names.values() for n in group)
            continue
        path, packages = target
        blocks: list[str] = []
        imports: set[str] = set()
        written: list[str] = []
        for name, group in sorted(names.items()):
            rendered = render(name, _merged(group), sorted({n.test for n in group}))
            if rendered is None:
                refused.extend((n, NotFixed.NO_STUB_SHAPE) for n in group)
                continue
            blocks.append(rendered[0])
            imports.update(rendered[1])
            written.append(name)
        if not blocks:
            continue
        old = None
        if os.path.exists(path):
            with open(path, "rb") as f:
                old = f.read()
        new = fixer.add_definitions(old or b"", "\n\n".join(blocks), sorted(imports))
        if new is None:
            refused.extend((n, NotFixed.NO_ROOM) for group in names.values() for n in group)
            continue
        writes.extend(Write(init, None, b"") for init in packages)
        writes.append(Write(path, old, new, written))
    return writes, refused


def _target(module: str, project: Project, search: tuple[str, ...]) -> tuple[str, list[str]] | NotFixed:
    """(file to write, packages to create on the way) for `module`, or the reason there is none."""
    root = project.root
    loc = project.finder.find_module(module, search)
    if loc is not None:
        if loc.kind in (LocKind.MODULE, LocKind.PACKAGE) and loc.file and inside(loc.file, root):
            return loc.file, []
        return NotFixed.NO_STUB_TARGET
    parts = module.split(".")
    for depth in range(len(parts) - 1, 0, -1):
        parent = project.finder.find_module(".".join(parts[:depth]), search)
        if parent is not None:
            break
    else:
        return NotFixed.NO_STUB_TARGET
    if parent.kind not in (LocKind.PACKAGE, LocKind.NAMESPACE) or len(parent.dirs) != 1:
        return NotFixed.NOT_A_PACKAGE
    directory = parent.dirs[0]
    packages = []
    for part in parts[depth:-1]:
        directory = os.path.join(directory, part)
        packages.append(os.path.join(directory, "__init__.py"))
    path = os.path.join(directory, parts[-1] + ".py")
    if not all(inside(p, root) for p in [path, *packages]):
        return NotFixed.OUTSIDE_ROOT
    return path, packages


def _merged(group: list[Need]) -> Use:
    use = Use()
    for need in group:
        use.calls += need.use.calls
        use.subclassed = use.subclassed or need.use.subclassed
        use.decorates = use.decorates or need.use.decorates
        for mine, theirs in ((use.class_attrs, need.use.class_attrs), (use.instance_attrs, need.use.instance_attrs)):
            for attr, calls in theirs.items():
                mine.setdefault(attr, []).extend(calls)
    return use


# -- rendering -----------------------------------------------------------------------------------
def render(name: str, use: Use, tests: list[str]) -> tuple[str, set[str]] | None:
    """Source of one stub and the modules it imports; None when no honest stub fits the use
    (a constant cannot fail when it is read)."""
    message = repr(f"{STUB_MARKER} '{name}' is needed by {', '.join(tests)}; implement it")
    raise_line = f"raise NotImplementedError({message})"
    marker = f"# importguard: stub for {', '.join(tests)}; IMG301 reports it until it is implemented"
    kind = spelled_kind(name)
    if use.subclassed or kind is SymbolKind.CLASS or (use.class_attrs and not use.called):
        if _is_enum(use):
            return _enum(name, use, marker, raise_line), {"enum"}
        return _class(name, use, marker, raise_line), set()
    if kind is SymbolKind.VARIABLE:
        return None
    params = ", ".join(parameters(use.calls) if use.calls else ["*args", "**kwargs"])
    return f"{marker}\ndef {name}({params}):\n    {raise_line}\n", set()


def _is_enum(use: Use) -> bool:
    return (not use.called and not use.subclassed and not use.instance_attrs and bool(use.class_attrs)
            and all(spelled_kind(a) is SymbolKind.VARIABLE and not calls for a, calls in use.class_attrs.items()))


def _enum(name: str, use: Use, marker: str, raise_line: str) -> str:
    members = [f"    {attr} = enum.auto()" for attr in sorted(use.class_attrs)]
    return "\n".join([
        marker, f"class {name}(enum.Enum):", *members, "",
        "    def __eq__(self, other):", f"        {raise_line}", "",
        "    __hash__ = enum.Enum.__hash__", "",
    ])


def _method(header: str, name: str, calls: list[Call], first: str, raise_line: str) -> list[str]:
    params = parameters(calls, (first,)) if calls else [] if header == "@property" else ["*args", "**kwargs"]
    lines = [f"    {header}"] if header else []
    return [*lines, f"    def {name}({', '.join([first, *params])}):", f"        {raise_line}", ""]


def _class(name: str, use: Use, marker: str, raise_line: str) -> str:
    body: list[str] = []
    for attr, calls in sorted(use.class_attrs.items()):
        if calls:
            body += _method("@classmethod", attr, calls, "cls", raise_line)
        else:
            body += [f"    {attr}: object  # read by the test; not written by importguard", ""]
    if use.subclassed:
        body += _method("", "__init_subclass__", [Call(starstar=True)], "cls", raise_line)
    body += _method("", "__init__", use.calls, "self", raise_line)
    for attr, calls in sorted(use.instance_attrs.items()):
        if attr in use.class_attrs or attr.startswith("__"):
            continue
        body += _method("" if calls else "@property", attr, calls, "self", raise_line)
    return "\n".join([marker, f"class {name}:", *body])
