"""What one module binds at runtime, read from its syntax tree (stdlib ast, no inference).

A summary is plain data so that the project index can cache it. It lists names, never guesses:
anything the tool cannot read statically is recorded as a reason to stay silent.
"""
from __future__ import annotations

import ast
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

KIND_CLASS = "class"
KIND_FUNCTION = "function"
KIND_VARIABLE = "variable"
KIND_IMPORT = "import"

_FALSE_TESTS = {"TYPE_CHECKING"}
_PATH_MUTATORS = {"append", "extend", "insert", "__iadd__", "__setitem__", "clear", "remove", "pop"}
# Words whose absence from a module's text lets the summarizer skip whole-tree walks.
_TRIGGERS = {word: re.compile(rf"\b{word}\b") for word in ("exec", "globals", "vars", "locals", "modules", "global", "__path__")}
_READ_ONLY_DICT_METHODS = {"get", "keys", "items", "values", "copy", "__contains__", "__getitem__"}


@dataclass
class ModuleSummary:
    names: dict[str, str] = field(default_factory=dict)  # name -> kind
    origins: dict[str, list[str]] = field(default_factory=dict)  # imported name -> [module, name]
    type_checking: list[str] = field(default_factory=list)  # bound only under TYPE_CHECKING
    stars: list[str] = field(default_factory=list)  # absolute modules star-imported ("" = unresolvable)
    all_names: list[str] | None = None  # literal parts of __all__; None when there is no __all__
    all_inferred: bool = False  # some __all__ value is not a literal: astroid must infer it
    all_unknown: bool = False  # __all__ is changed in a way nothing can follow
    all_conditional: bool = False  # __all__ is bound only in some branches
    dynamic: str = ""  # why names may appear that the source does not show
    path_dynamic: bool = False  # __path__ is changed: submodules may live elsewhere
    registers_modules: bool = False  # writes sys.modules: submodules may appear from nowhere
    writes: list[list[str]] = field(default_factory=list)  # [module, name] it may set on another module
    error: str = ""  # why the module could not be read

    def to_json(self) -> dict:
        return self.__dict__.copy()

    @classmethod
    def from_json(cls, data: dict) -> "ModuleSummary":
        return cls(**data)


def absolute_module(package: str, level: int, module: str | None) -> str:
    """The absolute target of a relative import made in `package`; "" when it escapes the top."""
    if level == 0:
        return module or ""
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or not parts:
        return ""
    base = parts[: len(parts) - (level - 1)]
    if not base:
        return ""
    return ".".join(base + ([module] if module else []))


def _is_type_checking(test: ast.expr) -> bool | None:
    """True for `if TYPE_CHECKING:`/`if False:`, False for `if not TYPE_CHECKING:`, None otherwise."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _is_type_checking(test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.Constant) and test.value is False:
        return True
    if isinstance(test, ast.Name) and test.id in _FALSE_TESTS:
        return True
    if isinstance(test, ast.Attribute) and test.attr in _FALSE_TESTS:
        return True
    return None


_STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")


def iter_statements(tree: ast.AST) -> Iterator[ast.AST]:
    """The tree's statements (with their handlers and match cases), in source order, without
    walking any expression: statements only sit in statement lists."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        for name in _STATEMENT_LISTS:
            children = getattr(node, name, None)
            if isinstance(children, list):
                stack.extend(reversed(children))


def type_checking_only_nodes(tree: ast.AST) -> set[int]:
    """ids of every node inside an `if TYPE_CHECKING:` (or `if False:`) branch."""
    found: set[int] = set()
    for node in iter_statements(tree):
        if isinstance(node, ast.If) and id(node) not in found:
            branch = _is_type_checking(node.test)
            if branch is not None:
                for stmt in node.body if branch else node.orelse:
                    found.update(id(sub) for sub in ast.walk(stmt))
    return found


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _literal_strings(node: ast.expr) -> list[str] | None:
    if isinstance(node, (ast.List, ast.Tuple)) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
    ):
        return [e.value for e in node.elts]  # type: ignore[attr-defined]
    return None


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
    return found | {":="} if ":=" in source else found


class _Collector:
    def __init__(self, package: str, is_stub: bool = False, triggers: set[str] | None = None) -> None:
        self.package = package
        self.is_stub = is_stub
        self.summary = ModuleSummary()
        self.tc_names: set[str] = set()
        self.triggers = triggers

    def may_hold(self, *words: str) -> bool:
        return self.triggers is None or any(word in self.triggers for word in words)

    # -- binding --------------------------------------------------------------------------
    def bind(self, name: str, kind: str, type_checking: bool, origin: list[str] | None = None) -> None:
        if type_checking:
            self.tc_names.add(name)
            return
        self.summary.names[name] = kind
        if origin is not None:
            self.summary.origins[name] = origin
        else:
            self.summary.origins.pop(name, None)
        if name == "__getattr__":
            self.summary.dynamic = "module __getattr__"
        elif name == "__path__":
            self.summary.path_dynamic = True

    def body(self, stmts: list[ast.stmt], tc: bool, top: bool) -> None:
        for stmt in stmts:
            self.stmt(stmt, tc, top)

    def stmt(self, node: ast.stmt, tc: bool, top: bool) -> None:
        if isinstance(node, ast.ClassDef):
            self.bind(node.name, KIND_CLASS, tc)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.bind(node.name, KIND_FUNCTION, tc)
            self.globals_written(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.bind(alias.asname, KIND_IMPORT, tc, [alias.name, ""])
                else:
                    top_name = alias.name.split(".")[0]
                    self.bind(top_name, KIND_IMPORT, tc, [top_name, ""])
        elif isinstance(node, ast.ImportFrom):
            self.import_from(node, tc)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            self.assign(node, tc)
        elif isinstance(node, ast.Delete) and top and not tc:
            for target in node.targets:
                for name in _target_names(target):
                    self.summary.names.pop(name, None)
                    self.summary.origins.pop(name, None)
        elif isinstance(node, ast.If):
            branch_tc = _is_type_checking(node.test)
            self.body(node.body, tc or branch_tc is True, False)
            self.body(node.orelse, tc or branch_tc is False, False)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            for name in _target_names(node.target):
                self.bind(name, KIND_VARIABLE, tc)
            self.body(node.body, tc, False)
            self.body(node.orelse, tc, False)
        elif isinstance(node, ast.While):
            self.body(node.body, tc, False)
            self.body(node.orelse, tc, False)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    for name in _target_names(item.optional_vars):
                        self.bind(name, KIND_VARIABLE, tc)
            self.body(node.body, tc, False)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            self.body(node.body, tc, False)  # type: ignore[attr-defined]
            for handler in node.handlers:  # type: ignore[attr-defined]
                self.body(handler.body, tc, False)
            self.body(node.orelse, tc, False)  # type: ignore[attr-defined]
            self.body(node.finalbody, tc, False)  # type: ignore[attr-defined]
        elif isinstance(node, ast.Match):
            for case in node.cases:
                for sub in ast.walk(case.pattern):
                    for attr in ("name", "rest"):
                        value = getattr(sub, attr, None)
                        if isinstance(value, str):
                            self.bind(value, KIND_VARIABLE, tc)
                self.body(case.body, tc, False)
        elif type(node).__name__ == "TypeAlias":
            self.bind(node.name.id, KIND_VARIABLE, tc)  # type: ignore[attr-defined]
        elif isinstance(node, ast.Expr):
            self.all_mutation(node.value)
        self.walrus_and_dynamic(node)

    def import_from(self, node: ast.ImportFrom, tc: bool) -> None:
        module = absolute_module(self.package, node.level, node.module)
        for alias in node.names:
            if alias.name == "*":
                if not tc:
                    self.summary.stars.append(module)
                continue
            self.bind(alias.asname or alias.name, KIND_IMPORT, tc, [module, alias.name])
        if node.level and not node.module and self.package and not tc:
            pass  # `from . import x` binds x only, handled above

    def assign(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign, tc: bool) -> None:
        if isinstance(node, ast.AnnAssign) and node.value is None and not self.is_stub:
            return  # a bare annotation binds nothing (in a .pyi stub it declares the name)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            for name in _target_names(target):
                self.bind(name, KIND_VARIABLE, tc)
                if name == "__all__" and not tc:
                    self.all_assigned(node)

    # -- __all__ --------------------------------------------------------------------------
    def all_assigned(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> None:
        summary = self.summary
        literal = _literal_strings(node.value) if node.value is not None else None
        if summary.all_names is None:
            summary.all_names = []
        if literal is None:
            summary.all_inferred = True
        elif isinstance(node, ast.AugAssign):
            summary.all_names.extend(literal)
        else:
            summary.all_names = list(literal) if not summary.all_inferred else summary.all_names + literal

    def all_mutation(self, expr: ast.expr) -> None:
        if not (
            isinstance(expr, ast.Call)
            and isinstance(expr.func, ast.Attribute)
            and isinstance(expr.func.value, ast.Name)
            and expr.func.value.id == "__all__"
        ):
            return
        method, args = expr.func.attr, expr.args
        if self.summary.all_names is None:
            self.summary.all_names = []
        if method == "append" and len(args) == 1 and isinstance(args[0], ast.Constant):
            self.summary.all_names.append(str(args[0].value))
        elif method == "extend" and len(args) == 1 and _literal_strings(args[0]) is not None:
            self.summary.all_names.extend(_literal_strings(args[0]) or [])
        elif method in ("append", "extend", "insert", "__iadd__"):
            self.summary.all_unknown = True

    # -- things that bind without a statement of their own ---------------------------------
    def globals_written(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if not self.may_hold("global"):
            return
        declared = {n for node in ast.walk(func) if isinstance(node, ast.Global) for n in node.names}
        if not declared:
            return
        for node in ast.walk(func):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in declared:
                self.bind(node.id, KIND_VARIABLE, False)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in declared:
                self.bind(node.name, KIND_VARIABLE, False)

    def walrus_and_dynamic(self, node: ast.stmt) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or not self.may_hold(":="):
            return
        for sub in ast.iter_child_nodes(node):
            if isinstance(sub, ast.expr):
                for expr in ast.walk(sub):
                    if isinstance(expr, ast.NamedExpr) and isinstance(expr.target, ast.Name):
                        self.bind(expr.target.id, KIND_VARIABLE, False)


def _dynamic_reason(tree: ast.Module) -> str:
    """Why the module may bind names its statements do not show ('' when it cannot)."""
    parents: dict[int, ast.AST] = {}  # built when first needed: most modules never need it
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "exec":
                return "exec()"
            if node.func.id in ("globals", "vars", "locals") and not node.args:
                if not parents:
                    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
                parent = parents.get(id(node))
                if node.func.id != "globals" and _in_function(node, parents):
                    continue
                if isinstance(parent, ast.Subscript) and isinstance(parent.ctx, ast.Load):
                    continue
                if isinstance(parent, ast.Attribute) and parent.attr in _READ_ONLY_DICT_METHODS:
                    continue
                if isinstance(parent, ast.Compare):
                    continue
                return f"{node.func.id}() is changed"
        if isinstance(node, ast.Subscript) and _is_sys_modules(node.value):
            if isinstance(node.slice, ast.Name) and node.slice.id == "__name__":
                return "sys.modules[__name__] is used"
    return ""


def _changes_path(tree: ast.Module) -> bool:
    """`__path__.append(...)`, `__path__[:] = ...`: submodules may live in other directories."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _PATH_MUTATORS:
            target = node.value
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
            target = node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "__path__":
            return True
    return False


def _attribute_writes(tree: ast.Module, package: str) -> list[list[str]]:
    """[module, name] for every `mod.name = ...` or `setattr(mod, "name", ...)` ("*" when the name
    is computed) on a module this one imports, anywhere in its code: names other modules gain."""
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                imported[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom):
            base = absolute_module(package, node.level, node.module)
            imported.update({a.asname or a.name: f"{base}.{a.name}" for a in node.names if base and a.name != "*"})
    writes: list[list[str]] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            pairs = [(t.value, t.attr) for t in targets if isinstance(t, ast.Attribute)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                and len(node.args) >= 2:
            name = node.args[1]
            computed = not (isinstance(name, ast.Constant) and isinstance(name.value, str))
            pairs = [(node.args[0], "*" if computed else name.value)]  # type: ignore[attr-defined]
        else:
            continue
        for value, attr in pairs:
            dotted = _dotted(value)
            if dotted and dotted.split(".")[0] in imported:
                head, _, rest = dotted.partition(".")
                writes.append([imported[head] + ("." + rest if rest else ""), attr])
    return writes


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _in_function(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    current = parents.get(id(node))
    while current is not None:
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return True
        current = parents.get(id(current))
    return False


def _is_sys_modules(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "modules" and (
        isinstance(node.value, ast.Name) and node.value.id == "sys"
    )


def summarize_tree(tree: ast.Module, package: str, is_stub: bool = False,
                   source: bytes | str | None = None) -> ModuleSummary:
    """`package` is the module's own package (the module itself for an __init__). With the
    `source` text, walks for what the text cannot hold are skipped (same result, faster)."""
    collector = _Collector(package, is_stub, None if source is None else _triggers(source))
    collector.body(tree.body, False, True)
    summary = collector.summary
    summary.type_checking = sorted(collector.tc_names - summary.names.keys())
    summary.all_conditional = summary.all_names is not None and not any(
        isinstance(stmt, (ast.Assign, ast.AnnAssign)) and "__all__" in _assigned(stmt) for stmt in tree.body
    )
    reason = _dynamic_reason(tree) if collector.may_hold("exec", "globals", "vars", "locals", "modules") else ""
    summary.path_dynamic = summary.path_dynamic or collector.may_hold("__path__") and _changes_path(tree)
    summary.writes = _attribute_writes(tree, package)
    summary.registers_modules = collector.may_hold("modules") and any(
        isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and _is_sys_modules(node.value)
        or isinstance(node, ast.Attribute) and node.attr in ("update", "setdefault", "__setitem__")
        and _is_sys_modules(node.value)
        for node in ast.walk(tree)
    )
    if reason and summary.dynamic in ("", "module __getattr__"):
        summary.dynamic = reason  # the reason that reaches furthest (exec() may also add submodules)
    return summary


def _assigned(stmt: ast.Assign | ast.AnnAssign) -> list[str]:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return [n for t in targets for n in _target_names(t)]


def summarize_source(source: bytes, filename: str, package: str) -> ModuleSummary:
    try:
        tree = ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return ModuleSummary(error=f"cannot parse: {exc.__class__.__name__}: {exc}")
    try:
        return summarize_tree(tree, package, is_stub=filename.endswith(".pyi"), source=source)
    except RecursionError:
        return ModuleSummary(error="too deeply nested to read")
