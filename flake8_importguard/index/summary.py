"""What one module binds at runtime, read from its syntax tree (stdlib ast, no inference).

A summary is plain data so that the summary store can cache it. It lists names, never guesses:
anything the tool cannot read statically is recorded as a reason to stay silent.
"""
from __future__ import annotations

import ast
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, NamedTuple


from flake8_importguard.base.model import SymbolKind
from flake8_importguard.base.syntax import (
    absolute_module, block_statements, child_nodes, dotted, is_type_checking, literal_strings, rebound, target_names,
    walk, walk_statements,
)
from flake8_importguard.index import runtime
from flake8_importguard.index.lazy import may_answer, served_names
from flake8_importguard.index.outline import holds_top_level, outline
from flake8_importguard.index.scan import may_write

# Words whose absence from a module's text lets the summarizer skip whole-tree walks.
_TRIGGERS = {word: re.compile(rf"\b{word}\b")
             for word in ("exec", "globals", "vars", "locals", "modules", "global", "__path__", "__name__",
                          "f_globals", "f_locals", "setattr", "find_current_module", "getmodule", "import_module")}
_GROWN_ALL = re.compile(r"\b__all__\s*[.\[]|\bglobal\b[^\n]*\b__all__\b")  # grown, not just bound


class ImportRow(NamedTuple):
    """An import the module runs unguarded (runtime.runtime_imports); a JSON array in the index."""

    module: str  # absolute
    names: list[str]  # the names a `from` import imports (no "*"); [] for `import module`
    line: int
    unconditional: bool  # runs whenever the module is imported


@dataclass
class ModuleSummary:
    names: dict[str, str] = field(default_factory=dict)  # name -> SymbolKind value
    origins: dict[str, list[str]] = field(default_factory=dict)  # imported name -> [module, name]
    type_checking: list[str] = field(default_factory=list)  # bound only under TYPE_CHECKING
    tc_origins: dict[str, list[str]] = field(default_factory=dict)  # [module, name] it imports under TYPE_CHECKING
    stars: list[str] = field(default_factory=list)  # absolute modules star-imported ("" = unresolvable)
    all_names: list[str] | None = None  # literal parts of __all__; None when there is no __all__
    all_inferred: bool = False  # some __all__ value is not a literal: astroid must infer it
    # a computed __all__ bound once, as a sum of literal lists and other modules' `__all__`
    # (`__all__ = _starred.__all__ + ["x"]`): the names bound to those modules (`_starred`) and the
    # literal strings; None otherwise (`all_sum`)
    all_from: list[str] | None = None
    all_added: list[str] = field(default_factory=list)
    all_unknown: bool = False  # __all__ is changed in a way nothing can follow
    all_conditional: bool = False  # __all__ is bound only in some branches
    dynamic: str = ""  # why names may appear that the source does not show
    dynamic_at_import: str = ""  # ... by the code that runs as it is imported (runtime.import_time_nodes)
    lazy: list[str] | None = None  # the names a module __getattr__ serves, when its body bounds them
    serves_all: bool = False  # its module __getattr__ may answer `__all__` (a star import without one asks)
    serves_path: bool = False  # ... `__path__` (`import mod.sub` asks a plain module: dask.ml forwards it)
    path_dynamic: bool = False  # __path__ is changed: submodules may live elsewhere
    registers_modules: bool = False  # writes sys.modules with any key: submodules may appear from nowhere
    registered: list[str] = field(default_factory=list)  # what its other sys.modules keys start with
    writes: list[list[str]] = field(default_factory=list)  # [module, name] it may set on another module
    hands_name: list[str] = field(default_factory=list)  # functions it hands its `__name__` (or itself) as it runs
    frame_writers: list[str] = field(default_factory=list)  # its functions that write their caller's namespace
    namespace_writers: list[list[str]] = field(default_factory=list)  # [function, name or "*"] set on an argument
    rebound: list[str] = field(default_factory=list)  # names bound by more than one statement: never followed
    imports: list[ImportRow] = field(default_factory=list)
    sometimes: list[str] = field(default_factory=list)  # names bound on some paths only
    bound_at: dict[str, list[int]] = field(default_factory=dict)  # name -> [first line, unconditional]: runtime.py
    steps: list[list[Any]] = field(default_factory=list)  # every import it may run, in order: runtime.import_steps
    unbound: list[list[Any]] = field(default_factory=list)  # [name, line]: runtime.unbound_reads
    uses_imports: list[str] = field(default_factory=list)  # a package __init__'s imported names it reads itself
    error: str = ""  # why the module could not be read

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ModuleSummary":
        summary = cls(**data)
        summary.imports = [ImportRow(*row) for row in summary.imports]
        return summary


def _triggers(source: bytes | str) -> set[str] | None:
    """Which trigger words the text holds (as identifiers normalize them); None: cannot tell."""
    if isinstance(source, bytes):
        try:
            source = source.decode("ascii") if source.isascii() else source.decode("utf-8")
        except UnicodeDecodeError:
            return None  # another declared encoding: walk everything
    if not source.isascii():
        source = unicodedata.normalize("NFKC", source)
    found = {word for word, pattern in _TRIGGERS.items() if word in source and pattern.search(source)}
    if "__all__." in source or "__all__[" in source or "__all__" in source and _GROWN_ALL.search(source):
        found.add("__all__")  # `__all__.append(...)`: a module's functions are searched for it only then
    if "@" in source:
        found.add("@")  # decorators (_decorators)
    return found | {":="} if ":=" in source else found


class _Collector(ast.NodeVisitor):
    """Visits the module's statements, a method per form; the bodies of `if`, `try`, loops,
    `with` and `match` are visited too (a name bound in any branch counts), function and class
    bodies are not. `tc`: inside an `if TYPE_CHECKING:` branch; `top`: directly in the module."""

    def __init__(self, package: str, is_stub: bool = False, triggers: set[str] | None = None) -> None:
        self.package = package
        self.is_stub = is_stub
        self.summary = ModuleSummary()
        self.tc_names: set[str] = set()
        self.triggers = triggers
        self.tc = False
        self.top = True

    def may_hold(self, *words: str) -> bool:
        return self.triggers is None or any(word in self.triggers for word in words)

    def bind(self, name: str, kind: SymbolKind, origin: list[str] | None = None, always: bool = False) -> None:
        """`always`: bound at runtime even inside an `if TYPE_CHECKING:` statement (a `global`
        write in a function, a `:=` in an expression)."""
        if self.tc and not always:
            self.tc_names.add(name)
            if origin is not None:
                self.summary.tc_origins[name] = origin
            return
        self.summary.names[name] = kind.value
        if origin is not None:
            self.summary.origins[name] = origin
        else:
            self.summary.origins.pop(name, None)
        if name == "__getattr__":
            self.summary.dynamic = "module __getattr__"
        elif name == "__path__":
            self.summary.path_dynamic = True

    @contextmanager
    def nested(self, tc: bool = False) -> Iterator[None]:
        saved = self.tc, self.top
        self.tc, self.top = self.tc or tc, False
        try:
            yield
        finally:
            self.tc, self.top = saved

    def body(self, stmts: list[ast.stmt], tc: bool = False) -> None:
        with self.nested(tc):
            for stmt in stmts:
                self.visit(stmt)

    def visit(self, node: ast.AST) -> None:
        super().visit(node)
        self.walrus(node)

    def generic_visit(self, node: ast.AST) -> None:
        """Other statements (return, pass, raise, ...) bind nothing."""

    # -- one method per statement form ------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.bind(node.name, SymbolKind.CLASS)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.bind(node.name, SymbolKind.FUNCTION)
        self.globals_written(node)
        if self.may_hold("__all__") and not self.tc and _grows_all(node):
            self.summary.all_unknown = True  # numpy._core.numeric's `extend_all(arrayprint)`

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.bind(alias.asname, SymbolKind.IMPORT, [alias.name, ""])
            else:
                top_name = alias.name.split(".")[0]
                self.bind(top_name, SymbolKind.IMPORT, [top_name, ""])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = absolute_module(self.package, node.level, node.module)
        for alias in node.names:
            if alias.name == "*":
                if not self.tc:
                    self.summary.stars.append(module)
            else:
                self.bind(alias.asname or alias.name, SymbolKind.IMPORT, [module, alias.name])

    def visit_Assign(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> None:
        if isinstance(node, ast.AnnAssign) and node.value is None and not self.is_stub:
            return  # a bare annotation binds nothing (in a .pyi stub it declares the name)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            for name in target_names(target):
                self.bind(name, SymbolKind.VARIABLE)
                if name == "__all__" and not self.tc:
                    _all_assigned(self.summary, node)

    visit_AnnAssign = visit_AugAssign = visit_Assign

    def visit_Delete(self, node: ast.Delete) -> None:
        if self.top and not self.tc:
            for name in (n for target in node.targets for n in target_names(target)):
                self.summary.names.pop(name, None)
                self.summary.origins.pop(name, None)

    def visit_If(self, node: ast.If) -> None:
        branch = is_type_checking(node.test)
        self.body(node.body, branch is True)
        self.body(node.orelse, branch is False)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        for name in target_names(node.target):
            self.bind(name, SymbolKind.VARIABLE)
        self.body(node.body)
        self.body(node.orelse)

    visit_AsyncFor = visit_For

    def visit_While(self, node: ast.While) -> None:
        self.body(node.body)
        self.body(node.orelse)

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                for name in target_names(item.optional_vars):
                    self.bind(name, SymbolKind.VARIABLE)
        self.body(node.body)

    visit_AsyncWith = visit_With

    def visit_Try(self, node: ast.Try) -> None:
        self.body(node.body)
        for handler in node.handlers:
            self.body(handler.body)
        self.body(node.orelse)
        self.body(node.finalbody)

    visit_TryStar = visit_Try

    def visit_Match(self, node: ast.Match) -> None:
        for case in node.cases:
            for sub in walk(case.pattern):
                for attr in ("name", "rest"):
                    value = getattr(sub, attr, None)
                    if isinstance(value, str):
                        self.bind(value, SymbolKind.VARIABLE)
            self.body(case.body)

    def visit_TypeAlias(self, node: ast.AST) -> None:
        self.bind(node.name.id, SymbolKind.VARIABLE)  # type: ignore[attr-defined]

    def visit_Expr(self, node: ast.Expr) -> None:
        _all_mutation(self.summary, node.value)

    # -- things that bind without a statement of their own ----------------------------------------
    def globals_written(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if self.may_hold("global"):
            for name in _globals_written(func):
                self.bind(name, SymbolKind.VARIABLE, always=True)

    def walrus(self, node: ast.AST) -> None:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and self.may_hold(":="):
            for name in _walrus_targets(node):
                self.bind(name, SymbolKind.VARIABLE, always=True)


def _all_assigned(summary: ModuleSummary, node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> None:
    literal = literal_strings(node.value) if node.value is not None else None
    if summary.all_names is None:
        summary.all_names = []
    if literal is None:
        summary.all_inferred = True
    elif isinstance(node, ast.AugAssign):
        summary.all_names.extend(literal)
    else:
        summary.all_names = list(literal) if not summary.all_inferred else summary.all_names + literal


def all_sum(tree: ast.Module) -> tuple[list[str], list[str]] | None:
    """(the names whose `__all__` it adds, the literal strings) of the module's one binding of
    `__all__`, a plain assignment at its top level whose value is a sum of literal lists or tuples
    and `name.__all__` (starred inside a list too); None for any other form, or another binding."""
    stores = [node for node in walk(tree) if isinstance(node, ast.Name) and node.id == "__all__"
              and isinstance(node.ctx, (ast.Store, ast.Del))
              or isinstance(node, ast.alias) and (node.asname or node.name) == "__all__"]
    assigned = [stmt for stmt in tree.body if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == "__all__"]
    if len(stores) != 1 or len(assigned) != 1:
        return None
    borrowed: list[str] = []
    added: list[str] = []

    def part(expr: ast.expr) -> bool:
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            return part(expr.left) and part(expr.right)
        if isinstance(expr, ast.Attribute) and expr.attr == "__all__" and isinstance(expr.value, ast.Name):
            borrowed.append(expr.value.id)
            return True
        if isinstance(expr, (ast.List, ast.Tuple)):
            for element in expr.elts:
                if isinstance(element, ast.Starred):
                    if not part(element.value):
                        return False
                elif isinstance(element, ast.Constant) and isinstance(element.value, str):
                    added.append(element.value)
                else:
                    return False
            return True
        return False

    return (borrowed, added) if part(assigned[0].value) and borrowed else None


def _all_mutation(summary: ModuleSummary, expr: ast.expr) -> None:
    """`__all__.append("x")`, `__all__.extend([...])`; anything else that grows it cannot be followed."""
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
            and isinstance(expr.func.value, ast.Name) and expr.func.value.id == "__all__"):
        return
    method, args = expr.func.attr, expr.args
    if summary.all_names is None:
        summary.all_names = []
    literal = literal_strings(args[0]) if len(args) == 1 else None
    if method == "append" and len(args) == 1 and isinstance(args[0], ast.Constant):
        summary.all_names.append(str(args[0].value))
    elif method == "extend" and literal is not None:
        summary.all_names.extend(literal)
    elif method in ("append", "extend", "insert", "__iadd__"):
        summary.all_unknown = True


def _decorators(tree: ast.Module, origins: dict[str, list[str]]) -> list[str]:
    """The imported functions (dotted) that decorate the module's own definitions as it runs: each is
    handed what it decorates (matplotlib's `@_Backend.export` sets names on the class's module)."""
    found = []
    for stmt in block_statements(tree.body):
        for decorator in getattr(stmt, "decorator_list", ()):
            head, _, rest = dotted(decorator.func if isinstance(decorator, ast.Call) else decorator).partition(".")
            origin = origins.get(head)
            if origin:
                found.append(".".join(part for part in (*origin, rest) if part))
    return found


def _grows_all(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Does the function change the module's `__all__` (`__all__.append(a)`, `.extend(...)`, an
    item stored, or `global __all__` and a binding)? What it adds is known only once it ran."""
    declared = any(isinstance(n, ast.Global) and "__all__" in n.names for n in walk_statements(func))
    for node in walk(func):
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Attribute) and isinstance(called.value, ast.Name) and called.value.id == "__all__" \
                and called.attr in _ALL_MUTATORS:
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name) \
                and node.value.id == "__all__" or declared and isinstance(node, ast.Name) and node.id == "__all__" \
                and isinstance(node.ctx, ast.Store):
            return True
    return False


_ALL_MUTATORS = frozenset({"append", "extend", "insert", "__iadd__", "__setitem__"})


def _globals_written(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """Names a function binds at module level through a `global` declaration."""
    declared = {n for node in walk_statements(func) if isinstance(node, ast.Global) for n in node.names}
    if not declared:
        return []
    names = []
    for node in walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.alias):  # `global QtCore` ... `from PyQt6 import QtCore` (matplotlib's qt_compat)
            names.append((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.append(node.name)
    return [name for name in names if name in declared]


def _walrus_targets(node: ast.AST) -> list[str]:
    """Names a statement's own expressions bind with `:=` (they bind in the module's scope)."""
    return [expr.target.id for sub in child_nodes(node) if isinstance(sub, ast.expr)
            for expr in walk(sub) if isinstance(expr, ast.NamedExpr) and isinstance(expr.target, ast.Name)]


def summarize_tree(tree: ast.Module, package: str, is_stub: bool = False,
                   source: bytes | str | None = None, is_test: bool = False,
                   writes: bool | None = None) -> ModuleSummary:
    """`package` is the module's own package (the module itself for an __init__). With the
    `source` text, walks for what the text cannot hold are skipped (same result, faster).
    `is_test`: a test module, whose functions run only after every test module was imported.
    `writes`: scan.may_write of the source, when the caller asked it already."""
    collector = _Collector(package, is_stub, None if source is None else _triggers(source))
    for stmt in tree.body:
        collector.visit(stmt)
    summary = collector.summary
    summary.type_checking = sorted(collector.tc_names - summary.names.keys())
    summary.tc_origins = {n: o for n, o in summary.tc_origins.items() if n in summary.type_checking}
    summary.all_conditional = summary.all_names is not None and not any(
        isinstance(stmt, (ast.Assign, ast.AnnAssign)) and "__all__" in _assigned(stmt) for stmt in tree.body
    )
    if summary.all_inferred and not summary.all_unknown and not summary.all_conditional:
        found = all_sum(tree)
        if found is not None:
            summary.all_from, summary.all_added = found
    may_hold = collector.may_hold
    reason = runtime.dynamic_reason(tree) if may_hold("exec", "globals", "vars", "locals", "modules") else ""
    at_import = runtime.dynamic_reason(tree, runtime.import_time_nodes(tree)) if reason else ""
    summary.path_dynamic = summary.path_dynamic or may_hold("__path__") and runtime.changes_path(tree)
    if writes is None and source is not None:
        writes = may_write(source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source)
    if source is None or writes:
        summary.writes = runtime.attribute_writes(tree, package, import_time_only=is_test)
    summary.hands_name = runtime.name_handed_to(tree, package) if may_hold(
        "__name__", "find_current_module", "getmodule", "import_module") else []
    if may_hold("@"):
        summary.hands_name += _decorators(tree, summary.origins)
    summary.frame_writers = runtime.frame_writers(tree) if may_hold("f_globals", "f_locals") else []
    summary.namespace_writers = runtime.namespace_writers(tree) if may_hold("setattr") else []
    summary.rebound = rebound(tree)
    if may_hold("modules"):
        summary.registers_modules, summary.registered = runtime.registers_modules(tree)
    summary.imports = [ImportRow(module, list(names), line, always)
                       for module, names, line, always in runtime.runtime_imports(tree, package)]
    summary.sometimes = sorted(runtime.sometimes_bound(tree.body)[1])
    summary.bound_at = runtime.binding_lines(tree.body, deep=may_hold("global", ":="))
    text = None
    if source is not None:
        try:
            text = source.decode("utf-8") if isinstance(source, bytes) else source
        except UnicodeDecodeError:
            text = None  # another declared encoding: walk everything
    summary.steps = runtime.import_steps(tree, package, text)
    if not is_stub:
        summary.unbound = runtime.unbound_reads(tree, summary.names.keys())
    if summary.dynamic == "module __getattr__":
        summary.lazy = served_names(tree)
        summary.serves_all = "__all__" in summary.lazy if summary.lazy is not None else may_answer(tree, "__all__")
        summary.serves_path = "__path__" in summary.lazy if summary.lazy is not None else may_answer(tree, "__path__")
    summary.dynamic_at_import = at_import or summary.dynamic  # "" or "module __getattr__" so far
    if reason and summary.dynamic in ("", "module __getattr__"):
        summary.dynamic = reason  # the reason that reaches furthest (exec() may also add submodules)
    return summary


def _assigned(stmt: ast.Assign | ast.AnnAssign) -> list[str]:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return [n for t in targets for n in target_names(t)]


def _reads_imports(tree: ast.Module, summary: ModuleSummary) -> list[str]:
    """The names the module imports and reads itself, anywhere in its code: a package that imports
    a name for its own use (`filter_for_env(...)` in a function) does not offer it as its own."""
    imported = {name for name, kind in summary.names.items() if kind == SymbolKind.IMPORT}
    if not imported:
        return []
    return sorted({node.id for node in walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
                   and node.id in imported})


def is_test_module(filename: str) -> bool:
    """`test_*.py`, `*_test.py`: pytest imports every one before it runs any test (a conftest.py
    is imported too, and its hooks run before that: it is no test module)."""
    name = os.path.basename(filename)
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def imported_by_pytest(filename: str) -> bool:
    """A test module or a conftest.py: a file pytest imports itself, not only through another."""
    return is_test_module(filename) or os.path.basename(filename) == "conftest.py"


# What makes a summary read a function or class body (outline.py): an import in it (a function the
# module calls as it runs; a class body runs then), a walk for exec()/globals()/vars()/locals(),
# sys.modules or __path__ writes anywhere, a `global` or `:=` (bound_at), a frame's namespace
# written (runtime.frame_writers), a computed name set on an argument (runtime.namespace_writers), the
# module's `__all__` changed (_grows_all). (A call
# handed the module's `__name__`, or the module itself, counts outside definitions only: runtime.name_handed_to.)
BODY_WORDS = (b"import", b"exec", b"globals", b"vars", b"locals", b"modules", b"__path__", b"global", b":=",
              b"f_globals", b"f_locals", b"setattr", b"__all__")


def _outline(source: bytes, filename: str, writes: bool) -> bytes | None:
    """The text to summarize the module from, function and class bodies blanked where the summary would not
    read them; None: the whole text. Never for a package `__init__` (the names it imports and
    reads itself, anywhere), a stub, a module that may set a name on another (its functions'
    writes count), one with a `__getattr__` (its body, or its factory's, says what it serves), or
    one that may import by a call (a function it calls may call one). `writes`: scan.may_write
    (true also of any text that is not ASCII)."""
    if filename.endswith(".pyi") or os.path.basename(filename) == "__init__.py" or writes:
        return None
    if b"__getattr__" in source:
        return None
    if runtime.may_import_by_call(source.decode("ascii")):
        return None
    return outline(source, BODY_WORDS)


def _parse(source: bytes, filename: str, writes: bool) -> ast.Module:
    """The module's tree, from its outline when it has one that parses and keeps its top level."""
    short = _outline(source, filename, writes)
    if short is not None and short is not source:
        try:
            tree = ast.parse(short, filename=filename)
        except (SyntaxError, ValueError):
            pass  # the whole text says what is wrong
        else:
            if holds_top_level(source, tree):
                return tree
    return ast.parse(source, filename=filename)


def summarize_source(source: bytes, filename: str, package: str, tree: ast.Module | None = None) -> ModuleSummary:
    """`tree`: the tree of `source`, when the caller has parsed it already."""
    writes = may_write(source)
    if tree is None:
        try:
            tree = _parse(source, filename, writes)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            return ModuleSummary(error=f"cannot parse: {exc.__class__.__name__}: {exc}")
    try:
        summary = summarize_tree(tree, package, is_stub=filename.endswith(".pyi"), source=source,
                                 is_test=is_test_module(filename), writes=writes)
        if os.path.basename(filename) == "__init__.py":
            summary.uses_imports = _reads_imports(tree, summary)
        return summary
    except RecursionError:
        return ModuleSummary(error="too deeply nested to read")
