"""Which names a module-level `__getattr__` can answer, when its body bounds them.

Deprecation shims and lazy loaders serve the names they list and raise for every other:

    def __getattr__(name):
        if name == "OldName":            # or: name in ("A", "B"), name in _LAZY (a literal table),
            return NewName               #     match name: case "A" | "B": ...
        raise AttributeError(name)

Such a module still lacks every other name. The function is the one `def __getattr__` of the
module, or the one a factory of the module returns (`__getattr__ = _make_getattr(__name__)`, where
`_make_getattr` defines it and ends with `return` of it). The body is bounded when every path that
can return (or fall off the end, which returns None) is guarded by a test of the parameter against
literal strings. A table is the module's, or the function's own (structlog's `dunder_to_metadata =
{...}` bound in its `__getattr__` before the test): a name bound once to a literal display and never
changed; a name the function binds otherwise hides the module's table of that name. Anything else (a
computed table, delegation to another module, a test of the name's spelling) cannot be bounded:
`served_names` says None and the module stays unknown.
"""
from __future__ import annotations

import ast

from flake8_importguard.base.syntax import child_nodes, iter_statements, statement_binds, walk

_MUTATORS = {"add", "update", "append", "extend", "insert", "setdefault", "pop", "remove", "clear",
             "discard", "__setitem__", "__ior__", "__iadd__"}
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_MAX_DEPTH = 12
_PREDICATES = frozenset({"isupper", "islower", "istitle", "isidentifier", "isalpha", "isalnum", "isdigit",
                         "isdecimal", "isnumeric", "isascii", "isspace", "isprintable"})


def served_names(tree: ast.Module) -> list[str] | None:
    """The names the module's `__getattr__` may return a value for; None when there is no single
    such function bound once at module level or its body cannot be bounded."""
    func = _getattr_function(tree)
    if func is None:
        return None
    params = [*func.args.posonlyargs, *func.args.args]
    if len(params) != 1 or func.args.vararg or func.args.kwarg:
        return None
    served = _bounded(func.body, params[0].arg, _seen_from(func, _tables(tree.body, tree)), 0)
    return None if served is None else sorted(served)


def _getattr_function(tree: ast.Module) -> ast.FunctionDef | None:
    """The function that is the module's `__getattr__`: its one undecorated `def __getattr__`, or
    the undecorated function that an undecorated factory defined once at module level defines and
    returns (its only `return`, its last statement), bound as `__getattr__ = factory(...)`; None
    when `__getattr__` is bound more than once or otherwise."""
    if _binds(tree, "__getattr__") != 1:
        return None
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__getattr__":
            return None if stmt.decorator_list else stmt
        if isinstance(stmt, ast.Assign) and [_name(t) for t in stmt.targets] == ["__getattr__"] \
                and isinstance(stmt.value, ast.Call) and _name(stmt.value.func):
            return _made_by(tree, _name(stmt.value.func))
    return None


def _binds(scope: ast.AST, name: str) -> int:
    """How many statements of the scope's own namespace bind `name`."""
    return sum(statement_binds(node).count(name) for node in iter_statements(scope, into_scopes=False))


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""


def _made_by(tree: ast.Module, factory: str) -> ast.FunctionDef | None:
    """The function that `factory`, a plain function of the module bound once, always returns."""
    defs = [stmt for stmt in tree.body if isinstance(stmt, ast.FunctionDef) and stmt.name == factory]
    if _binds(tree, factory) != 1 or len(defs) != 1 or defs[0].decorator_list:
        return None
    body = defs[0].body
    last = body[-1]
    if not (isinstance(last, ast.Return) and last.value is not None and _name(last.value)) \
            or any(_can_return(stmt) for stmt in body[:-1] if not isinstance(stmt, _SCOPES)):
        return None
    returned = _name(last.value)
    inner = [stmt for stmt in body if isinstance(stmt, ast.FunctionDef) and stmt.name == returned]
    if len(inner) != 1 or _binds(defs[0], returned) != 1 or inner[0].decorator_list:
        return None
    return inner[0]


def _seen_from(func: ast.FunctionDef, module: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The tables the function's body reads: its own, else the module's that it does not hide
    (a name the function binds is its own, whatever it binds it to)."""
    own = {name for node in iter_statements(func, into_scopes=False) for name in statement_binds(node)}
    own.update(arg.arg for arg in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs))
    return {**{name: names for name, names in module.items() if name not in own}, **_tables(func.body, func)}


def _tables(body: list[ast.stmt], scope: ast.AST) -> dict[str, frozenset[str]]:
    """The names of the scope (a module, or a function, whose statements are `body`) bound once, by
    a statement of the body itself, to a literal display of strings (a dict's keys), never changed."""
    tables: dict[str, frozenset[str]] = {}
    for stmt in body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            strings = _strings(stmt.value)
            if len(targets) == 1 and isinstance(targets[0], ast.Name) and strings is not None:
                tables[targets[0].id] = strings
    if not tables:
        return tables
    counts: dict[str, int] = {}
    for node in iter_statements(scope, into_scopes=False):
        for name in statement_binds(node):
            counts[name] = counts.get(name, 0) + 1
    changed = {_changed(node) for node in walk(scope)}
    return {name: names for name, names in tables.items() if counts.get(name) == 1 and name not in changed}


def _changed(node: ast.AST) -> str:
    """The name a node changes in place (`T[k] = v`, `T.update(...)`, `T |= ...`, `global T`), or ""."""
    if isinstance(node, ast.Attribute) and node.attr in _MUTATORS and isinstance(node.value, ast.Name):
        return node.value.id
    if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name):
        return node.value.id
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return node.names[0] if len(node.names) == 1 else "*"
    return ""


def _strings(node: ast.expr) -> frozenset[str] | None:
    """The strings of a literal display (a dict's keys; `frozenset({...})`), None for anything else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set") \
            and len(node.args) == 1 and not node.keywords:
        return _strings(node.args[0])
    if isinstance(node, ast.Dict):
        elements: list[ast.expr | None] = list(node.keys)
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        elements = list(node.elts)
    else:
        return None
    strings = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return frozenset(strings) if len(strings) == len(elements) else None


def _test(test: ast.expr, param: str, tables: dict[str, frozenset[str]]) -> tuple[frozenset[str], bool] | None:
    """(names, positive) when `test` compares the parameter with literal strings: `name == "a"`,
    `name in ("a", "b")`, `name in TABLE` (positive), `name != "a"`, `name not in TABLE` (negative)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        parts = [_test(value, param, tables) for value in test.values]
        if all(p is not None and p[1] for p in parts):
            return frozenset().union(*(p[0] for p in parts if p is not None)), True
        return None
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(right, ast.Name) and right.id == param:
        left, right = right, left
    if not (isinstance(left, ast.Name) and left.id == param):
        return None
    if isinstance(op, (ast.Eq, ast.NotEq)):
        if isinstance(right, ast.Constant) and isinstance(right.value, str):
            return frozenset({right.value}), isinstance(op, ast.Eq)
        return None
    if isinstance(op, (ast.In, ast.NotIn)):
        names = _table(right, tables)
        return None if names is None else (names, isinstance(op, ast.In))
    return None


def _table(node: ast.expr, tables: dict[str, frozenset[str]]) -> frozenset[str] | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "keys" \
            and not node.args:
        node = node.func.value
    if isinstance(node, ast.Name):
        return tables.get(node.id)
    return _strings(node)


def _can_return(node: ast.AST) -> bool:
    """Does the statement hold a `return` (or `yield`) of the function itself?"""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.Return, ast.Yield, ast.YieldFrom)):
            return True
        stack.extend(child for child in child_nodes(current) if not isinstance(child, _SCOPES))
    return False


def _bounded(stmts: list[ast.stmt], param: str, tables: dict[str, frozenset[str]], depth: int
             ) -> set[str] | None:
    """The names for which running `stmts` may return normally; None when some other name may."""
    if depth > _MAX_DEPTH:
        return None
    served: set[str] = set()
    for i, stmt in enumerate(stmts):
        rest = stmts[i + 1:]
        if isinstance(stmt, ast.Raise):
            return served
        if isinstance(stmt, ast.If):
            return _branch(stmt, rest, served, param, tables, depth)
        if isinstance(stmt, ast.Match) and isinstance(stmt.subject, ast.Name) and stmt.subject.id == param:
            return _match(stmt, rest, served, param, tables, depth)
        if _can_return(stmt):
            return None
    return None  # falling off the end returns None, for any name


def _branch(stmt: ast.If, rest: list[ast.stmt], served: set[str], param: str,
            tables: dict[str, frozenset[str]], depth: int) -> set[str] | None:
    test = _test(stmt.test, param, tables)
    if test is not None:  # the guarded branch may return anything, for those names only
        names, positive = test
        other = _bounded((stmt.orelse if positive else stmt.body) + rest, param, tables, depth + 1)
        return None if other is None else served | names | other
    if _can_return(stmt.test):
        return None
    first = _bounded(stmt.body + rest, param, tables, depth + 1)
    second = _bounded(stmt.orelse + rest, param, tables, depth + 1)
    return None if first is None or second is None else served | first | second


def _match(stmt: ast.Match, rest: list[ast.stmt], served: set[str], param: str,
           tables: dict[str, frozenset[str]], depth: int) -> set[str] | None:
    for case in stmt.cases:
        names = _pattern(case.pattern)
        if names is not None and case.guard is None:
            served = served | names
            continue
        other = _bounded(case.body + rest, param, tables, depth + 1)
        if other is None:
            return None
        served = served | other
        if isinstance(case.pattern, ast.MatchAs) and case.pattern.pattern is None and case.guard is None:
            return served  # `case _:` takes every other name
    other = _bounded(rest, param, tables, depth + 1)
    return None if other is None else served | other


def _pattern(pattern: ast.pattern) -> frozenset[str] | None:
    """The strings a `case "a" | "b":` pattern matches; None for any other pattern."""
    if isinstance(pattern, ast.MatchValue) and isinstance(pattern.value, ast.Constant) \
            and isinstance(pattern.value.value, str):
        return frozenset({pattern.value.value})
    if isinstance(pattern, ast.MatchOr):
        parts = [_pattern(p) for p in pattern.patterns]
        if all(p is not None for p in parts):
            return frozenset().union(*(p for p in parts if p is not None))
    return None


def may_answer(tree: ast.Module, value: str) -> bool:
    """May the module's `__getattr__`, called with `value`, return a value? False only when every
    path for that value raises or falls off the end (which returns None). A star import without
    `__all__` asks `__getattr__('__all__')` first: when it cannot answer, only the names in the
    module's namespace are copied (or the star import raises)."""
    func = _getattr_function(tree)
    if func is None:
        return True
    params = [*func.args.posonlyargs, *func.args.args]
    if len(params) != 1 or func.args.vararg or func.args.kwarg:
        return True
    return _reaches_return(func.body, params[0].arg, value, _seen_from(func, _tables(tree.body, tree)), 0)


def _reaches_return(stmts: list[ast.stmt], param: str, value: str, tables: dict[str, frozenset[str]],
                    depth: int) -> bool:
    """May running `stmts` with the parameter bound to `value` reach a `return` (True when unsure)?"""
    if depth > _MAX_DEPTH:
        return True
    for i, stmt in enumerate(stmts):
        if isinstance(stmt, ast.Raise):
            return False
        if isinstance(stmt, ast.If) and not _can_return(stmt.test):
            decided = _decide(stmt.test, param, value, tables)
            branches = {True: [stmt.body], False: [stmt.orelse], None: [stmt.body, stmt.orelse]}[decided]
            return any(_reaches_return(b + stmts[i + 1:], param, value, tables, depth + 1) for b in branches)
        if _can_return(stmt) or _rebinds(stmt, param):
            return True
    return False


def _rebinds(stmt: ast.stmt, param: str) -> bool:
    """Does the statement bind the parameter anew (then its tests no longer test `value`)?"""
    return any(isinstance(node, ast.Name) and node.id == param and not isinstance(node.ctx, ast.Load)
               for node in walk(stmt)) or param in statement_binds(stmt)


def _decide(test: ast.expr, param: str, value: str, tables: dict[str, frozenset[str]]) -> bool | None:
    """The truth of `test` when the parameter is `value`; None when it depends on more than that."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _decide(test.operand, param, value, tables)
        return None if inner is None else not inner
    if isinstance(test, ast.BoolOp):
        parts = [_decide(v, param, value, tables) for v in test.values]
        if isinstance(test.op, ast.And):
            return False if False in parts else None if None in parts else True
        return True if True in parts else None if None in parts else False
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and not test.keywords \
            and test.func.attr in ("startswith", "endswith") and isinstance(test.func.value, ast.Name) \
            and test.func.value.id == param and len(test.args) == 1:
        affixes = _strings(test.args[0]) if not isinstance(test.args[0], ast.Constant) else (
            frozenset({test.args[0].value}) if isinstance(test.args[0].value, str) else None)
        if affixes is None:
            return None
        check = value.startswith if test.func.attr == "startswith" else value.endswith
        return any(check(a) for a in affixes)
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and not test.args and not test.keywords \
            and test.func.attr in _PREDICATES and isinstance(test.func.value, ast.Name) and test.func.value.id == param:
        return bool(getattr(value, test.func.attr)())  # `name.isupper()`: a str method on the literal
    found = _test(test, param, tables)
    return None if found is None else (value in found[0]) == found[1]
