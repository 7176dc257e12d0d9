"""Small questions about stdlib syntax trees, asked by the summarizer, the rules and the fixer
alike: what a statement binds, where an import points, what runs only for type checkers."""
from __future__ import annotations

import ast
from collections import Counter, deque
from typing import Callable, Collection, Iterator, TypeGuard

_FALSE_TESTS = {"TYPE_CHECKING"}
_STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


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


def prefixes(dotted: str) -> list[str]:
    """`a`, `a.b`, `a.b.c` for `a.b.c`: what importing it runs, in order."""
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def last_name(node: ast.expr | None) -> str:
    """The name a reference ends with: `x` for `x` and `a.b.x`; "" for anything else."""
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def dotted(node: ast.expr) -> str:
    """`a.b.c` for a chain of attributes on a name; "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def literal_strings(node: ast.expr) -> list[str] | None:
    """The strings of a list or tuple display of string literals; None for anything else."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return None
    strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return strings if len(strings) == len(node.elts) else None


# -- what binds a name -------------------------------------------------------------------------------
def target_names(target: ast.expr) -> list[str]:
    """The names an assignment target binds: `a`, `a, (b, *c)`; not `x.attr` or `x[i]` (nor the
    names read inside them: `type(self).flag = 1` binds nothing)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in target_names(elt)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def statement_binds(node: ast.AST) -> list[str]:
    """The names one statement binds itself (not in the statements it holds): assignment (an
    annotation alone binds nothing), loop and `with` targets, `except ... as`, def, class,
    import (`import a.b` binds `a`)."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [n for t in node.targets for n in target_names(t)]
    if isinstance(node, ast.AnnAssign):
        return target_names(node.target) if node.value is not None else []
    if isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor)):
        return target_names(node.target)
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [n for item in node.items if item.optional_vars is not None for n in target_names(item.optional_vars)]
    if isinstance(node, ast.ExceptHandler):
        return [node.name] if node.name else []
    return []


def bound_names(tree: ast.AST, skip: Collection[int] = ()) -> set[str]:
    """Every name the code binds anywhere, in any scope: stored names (`:=` included), defs,
    classes, imports, `except ... as`, match captures, type parameters. Keywords and attributes
    bind nothing. `skip`: ids of nodes whose bindings do not count (type_checking_only_nodes)."""
    names: set[str] = set()
    for node in walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        else:
            names.update(binds_by_name(node))
    return names


def binds_by_name(node: ast.AST) -> list[str]:
    """The names a node binds other than as a stored `Name`: a def, a class, an import, `except
    ... as`, a match capture, a type parameter (`class A[T]:`, Python 3.12)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom,
                         ast.ExceptHandler)):
        return statement_binds(node)
    if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        return [node.name]
    if isinstance(node, ast.MatchMapping) and node.rest:
        return [node.rest]
    if isinstance(node, _TYPE_PARAMS):
        return [node.name]
    return []


_TYPE_PARAMS = tuple(getattr(ast, kind) for kind in ("TypeVar", "ParamSpec", "TypeVarTuple") if hasattr(ast, kind))


# -- what runs ---------------------------------------------------------------------------------------
def is_type_checking(test: ast.expr) -> bool | None:
    """True for `if TYPE_CHECKING:`/`if False:`, False for `if not TYPE_CHECKING:`, None otherwise."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = is_type_checking(test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.Constant) and test.value is False:
        return True
    if isinstance(test, ast.Name) and test.id in _FALSE_TESTS:
        return True
    if isinstance(test, ast.Attribute) and test.attr in _FALSE_TESTS:
        return True
    return None


def iter_statements(tree: ast.AST, into_scopes: bool = True) -> Iterator[ast.AST]:
    """The tree's statements (with their handlers and match cases), in source order, without
    walking any expression: statements only sit in statement lists. Without `into_scopes`, not
    the bodies of the functions and classes it defines: what runs in the tree's own namespace."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if not into_scopes and node is not tree and isinstance(node, _SCOPES):
            continue
        for name in _STATEMENT_LISTS:
            children = getattr(node, name, None)
            if isinstance(children, list):
                stack.extend(reversed(children))


def walk_statements(tree: ast.AST) -> Iterator[ast.AST]:
    """`ast.walk(tree)` restricted to the statements (with handlers and match cases), in the same
    order, without visiting any expression: for the questions only statements answer (imports,
    definitions, `global`), in a fraction of the time on large modules."""
    queue: deque[ast.AST] = deque([tree])
    while queue:
        node = queue.popleft()
        yield node
        for name in node._fields:
            if name in _STATEMENT_LISTS:
                children = getattr(node, name, None)
                if isinstance(children, list):
                    queue.extend(children)


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """`ast.iter_child_nodes(node)` as a list, in the same order, read from the node's fields
    directly (without its two generators: the walks call it once for every node)."""
    found: list[ast.AST] = []
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            found.extend(item for item in value if isinstance(item, ast.AST))
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


def walk(node: ast.AST) -> list[ast.AST]:
    """The nodes of `ast.walk(node)`, in the same order (breadth first), as a list: about half
    again as fast, for the walks of every node of a module."""
    found = [node]
    for current in found:  # the list grows as it is read: each node's children go to its end
        found.extend(child_nodes(current))
    return found


def type_checking_only_nodes(tree: ast.AST) -> set[int]:
    """ids of every node inside an `if TYPE_CHECKING:` (or `if False:`) branch."""
    found: set[int] = set()
    for node in iter_statements(tree):
        if isinstance(node, ast.If) and id(node) not in found:
            branch = is_type_checking(node.test)
            if branch is not None:
                for stmt in node.body if branch else node.orelse:
                    found.update(id(sub) for sub in walk(stmt))
    return found


def dead_statements(tree: ast.Module, expects: Callable[[ast.expr], bool]) -> list[ast.stmt]:
    """The statements that cannot run: those that follow, in the same block, a statement that never
    finishes normally (`return`, `raise`, `break`, `continue`, `pytest.skip(...)`, `pytest.fail(...)`,
    `self.skipTest(...)`, `sys.exit(...)`; an `if` whose every branch that can run ends so: `if True:
    return 42` above a stale `yield gen.Task(...)`, tornado's gen_test); and the bodies of the `with`
    blocks whose context `expects` an exception (`pytest.raises(...)`). One pass over the blocks."""
    found: list[ast.stmt] = []
    blocks: list[list[ast.stmt]] = [tree.body]
    while blocks:
        block = blocks.pop()
        last = len(block) - 1
        for i, stmt in enumerate(block):
            kind = type(stmt)
            for name in _BLOCK_FIELDS.get(kind, ()):
                value = getattr(stmt, name)
                if name in ("handlers", "cases"):
                    blocks.extend(inner.body for inner in value)
                else:
                    blocks.append(value)
            if isinstance(stmt, (ast.With, ast.AsyncWith)) and any(expects(item.context_expr) for item in stmt.items):
                found.extend(stmt.body)
            if i < last and kind in _MAY_END and _never_finishes(stmt):
                found.extend(block[i + 1:])
                break
    return found


_BLOCK_FIELDS: dict[type, tuple[str, ...]] = {
    ast.FunctionDef: ("body",), ast.AsyncFunctionDef: ("body",), ast.ClassDef: ("body",),
    ast.If: ("body", "orelse"), ast.For: ("body", "orelse"), ast.AsyncFor: ("body", "orelse"),
    ast.While: ("body", "orelse"), ast.With: ("body",), ast.AsyncWith: ("body",),
    ast.Try: ("body", "handlers", "orelse", "finalbody"), ast.Match: ("cases",),
    **({ast.TryStar: ("body", "handlers", "orelse", "finalbody")} if hasattr(ast, "TryStar") else {}),
}
_MAY_END = frozenset({ast.Return, ast.Raise, ast.Break, ast.Continue, ast.If, ast.Expr})


_NEVER_RETURN = frozenset({"pytest.skip", "pytest.fail", "pytest.xfail", "pytest.exit", "self.skipTest", "self.fail",
                           "sys.exit", "os._exit"})  # calls that raise (or end the process) whatever they are handed


def _never_finishes(stmt: ast.AST) -> bool:
    if isinstance(stmt, (ast.Return, ast.Raise, ast.Break, ast.Continue)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and dotted(stmt.value.func) in _NEVER_RETURN:
        return True  # `pytest.skip("not implemented yet")` above a stale call (astropy's test_lupton_rgb)
    if isinstance(stmt, ast.If):
        only_types = is_type_checking(stmt.test)
        runs = True if isinstance(stmt.test, ast.Constant) and stmt.test.value is True else (
            None if only_types is None else not only_types)
        branches = [stmt.body] if runs is True else [stmt.orelse] if runs is False else [stmt.body, stmt.orelse]
        return all(any(_never_finishes(s) for s in branch) for branch in branches)
    return False


def parents_of(tree: ast.AST) -> dict[int, ast.AST]:
    """id(node) -> its parent, for every node of the tree."""
    return {id(child): node for node in walk(tree) for child in child_nodes(node)}


def catches_import_error(handler: ast.ExceptHandler, broad: bool = True) -> bool:
    """`except ImportError`, `except (ModuleNotFoundError, X)`; with `broad` also `except
    Exception`, `except BaseException` and a bare `except`."""
    if handler.type is None:
        return broad
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for kind in kinds:
        name = last_name(kind)
        if name in IMPORT_ERRORS or broad and name in ("Exception", "BaseException"):
            return True
    return False


SKIP_EXCEPTIONS = {"SkipTest", "Skipped", "skip"}


def reraises(handler: ast.ExceptHandler) -> bool:
    """A handler that raises (anything but a skip) anywhere in it does not surely swallow the
    error: tqdm.keras's `except ImportError as e: try: from tensorflow import keras` / `except
    ImportError: raise e`."""
    for sub in ast.walk(handler):
        if isinstance(sub, ast.Raise):
            exc = sub.exc.func if isinstance(sub.exc, ast.Call) else sub.exc
            if last_name(exc) not in SKIP_EXCEPTIONS:
                return True
    return False


def is_try(node: ast.AST) -> TypeGuard[ast.Try]:
    """`try:` and `try: ... except*` alike (a TryStar has the same fields as a Try)."""
    return isinstance(node, ast.Try) or type(node).__name__ == "TryStar"


_BLOCKS = (ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)


def block_statements(stmts: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a body and of the branches, loops, `with` and `try` blocks in it (not of
    the functions or classes it defines), skipping what runs only under `if TYPE_CHECKING:`."""
    for stmt in stmts:
        yield stmt
        if isinstance(stmt, ast.If):
            branch = is_type_checking(stmt.test)
            yield from block_statements(stmt.body if branch is not True else [])
            yield from block_statements(stmt.orelse if branch is not False else [])
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                yield from block_statements(case.body)
        elif isinstance(stmt, _BLOCKS):
            yield from block_statements(stmt.body)
            yield from block_statements(getattr(stmt, "orelse", []))
        elif is_try(stmt):
            for part in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody):
                yield from block_statements(part)


def bind_counts(stmts: list[ast.stmt]) -> Counter[str]:
    """How many statements of a body (and its blocks) bind each name."""
    return Counter(name for stmt in block_statements(stmts) for name in statement_binds(stmt))


def rebound(tree: ast.Module) -> list[str]:
    """The module-level names bound by more than one statement (a summary keeps them: reading the
    statements costs little): what such a name is depends on the path taken, so it is never followed."""
    return sorted(name for name, count in bind_counts(tree.body).items() if count > 1)
