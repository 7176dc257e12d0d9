"""What a module does when it runs, beyond the names its statements bind: changes its own
namespace behind the statements' back (exec, globals(), sys.modules), extends `__path__`, sets
names on other modules, imports other modules unguarded, binds names on some paths only.

Read from the stdlib syntax tree; the summarizer stores the answers in each module's summary.
"""
from __future__ import annotations

import ast
import builtins
import re
import string
from collections import Counter
from typing import Any, Collection, Iterable, Iterator

from flake8_importguard.base.syntax import (
    absolute_module, binds_by_name, block_statements, bound_names, catches_import_error, child_nodes, dotted, is_try,
    is_type_checking, parents_of, reraises, statement_binds, type_checking_only_nodes, walk, walk_statements,
)

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)

_PATH_MUTATORS = {"append", "extend", "insert", "__iadd__", "__setitem__", "clear", "remove", "pop"}
_READ_ONLY_DICT_METHODS = {"get", "keys", "items", "values", "copy", "__contains__", "__getitem__"}


def _is_sys_modules(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "modules" and (
        isinstance(node.value, ast.Name) and node.value.id == "sys"
    )


def dynamic_reason(tree: ast.Module, nodes: list[ast.AST] | None = None) -> str:
    """Why the module may bind names its statements do not show ('' when it cannot). `nodes`: only
    those (import_time_nodes: why its own run, as it is imported, may do more than its statements
    show; waitress's `globals()` handed to a profiler in `serve()` runs only when serve is called)."""
    parents: dict[int, ast.AST] = {}  # built when first needed: most modules never need it
    for node in walk(tree) if nodes is None else nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "exec":
                parents = parents or parents_of(tree)
                if not _exec_in_new_dicts(node, tree, parents) and not _never_binds(node):
                    return "exec()"
                continue
            if node.func.id in ("globals", "vars", "locals") and not node.args:
                parents = parents or parents_of(tree)
                parent = parents.get(id(node))
                if node.func.id != "globals" and _in_function(node, parents):
                    continue
                if _read_where_it_stands(node, parent):
                    continue
                if isinstance(parent, ast.Assign) and _read_only_alias(tree, parents, parent):
                    continue  # httpx: `__locals = locals()`, then only `__locals[name]` read
                return f"{node.func.id}() is changed"
        if isinstance(node, ast.Subscript) and _is_sys_modules(node.value):
            if isinstance(node.slice, ast.Name) and node.slice.id == "__name__":
                return "sys.modules[__name__] is used"
    return ""


def _never_binds(call: ast.Call) -> bool:
    """`exec("...")` of a literal that does not parse here: it raises SyntaxError if it runs, and binds
    nothing (webob.compat's Python 2 `exec("def reraise(exc): raise exc[0], exc[1], exc[2]")`, in the
    branch Python 3 skips)."""
    code = call.args[0] if call.args else None
    if not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
        return False
    try:
        ast.parse(code.value)
    except (SyntaxError, ValueError):
        return True
    return False


def _exec_in_new_dicts(call: ast.Call, tree: ast.Module, parents: dict[int, ast.AST]) -> bool:
    """`exec(code, namespace)` whose globals (and locals) are dicts made for it (`{...}`, `dict(...)`,
    a comprehension, or a name its function binds only to those: jinja2's `namespace = {...}`):
    the code binds its names there, not in the module."""
    if len(call.args) < 2 or call.keywords:
        return False
    return all(value is not None and _new_dict(value)
               for given in call.args[1:3] for value in _key_values(given, tree, parents))


def _new_dict(node: ast.expr) -> bool:
    return isinstance(node, (ast.Dict, ast.DictComp)) or isinstance(node, ast.Call) and isinstance(
        node.func, ast.Name) and node.func.id == "dict"


def _read_only_alias(tree: ast.Module, parents: dict[int, ast.AST], assign: ast.Assign) -> bool:
    """`alias = locals()` where the module binds `alias` nowhere else and only reads through it
    (`_read_where_it_stands`). Anything else (`alias[key] = ...`, `alias.update(...)`, `alias`
    handed to a call or bound again) may change the namespace."""
    if len(assign.targets) != 1 or not isinstance(assign.targets[0], ast.Name):
        return False
    target = assign.targets[0]
    return all(isinstance(node.ctx, ast.Load) and _read_where_it_stands(node, parents.get(id(node)))
               for node in walk(tree) if isinstance(node, ast.Name) and node.id == target.id and node is not target)


def _read_where_it_stands(namespace: ast.expr, parent: ast.AST | None) -> bool:
    """Is a namespace (`locals()`, or a name bound to it) only read where it stands: `ns[key]`,
    `ns.get(...)` and the other read-only methods, `key in ns`, `for key in ns`?"""
    return (isinstance(parent, ast.Subscript) and parent.value is namespace and isinstance(parent.ctx, ast.Load)
            or isinstance(parent, ast.Attribute) and parent.value is namespace
            and parent.attr in _READ_ONLY_DICT_METHODS
            or isinstance(parent, ast.Compare)
            or isinstance(parent, ast.For) and parent.iter is namespace)


def _in_function(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    return _function_of(node, parents) is not None


Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _function_of(node: ast.AST, parents: dict[int, ast.AST]) -> Function | None:
    """The innermost function (or lambda) around `node`; None at module or class level."""
    current = parents.get(id(node))
    while current is not None and not isinstance(current, _SCOPES):
        current = parents.get(id(current))
    return current


def changes_path(tree: ast.Module) -> bool:
    """`__path__.append(...)`, `__path__[:] = ...`: submodules may live in other directories."""
    for node in walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _PATH_MUTATORS:
            target = node.value
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
            target = node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "__path__":
            return True
    return False


_MODULES_WRITES = ("update", "setdefault", "__setitem__")


def registers_modules(tree: ast.Module) -> tuple[bool, list[str]]:
    """Does the module write sys.modules, and with what keys: (whether some key may be any name,
    the literal text each other key starts with). `sys.modules["six.moves"] = ...`,
    `sys.modules.setdefault(f"_tmpl_{id(self):x}", ...)`, and a name the module binds only to such
    texts (jinja2's `package_name = f"_jinja2_module_templates_{id(self):x}"`) say what they write;
    `sys.modules[name]` of a parameter, `[__name__]`, `.update(...)` may write anything."""
    anything, keys, called = False, [], set()
    for node in walk(tree):  # breadth first: a call before the method it calls
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and _is_sys_modules(node.value):
            keys.append(node.slice)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is_sys_modules(
                node.func.value) and node.func.attr in _MODULES_WRITES:
            called.add(id(node.func))
            if node.func.attr == "update" or not node.args:
                anything = True
            else:
                keys.append(node.args[0])
        elif isinstance(node, ast.Attribute) and node.attr in _MODULES_WRITES and _is_sys_modules(node.value):
            anything = anything or id(node) not in called  # taken, not called here: called with who knows what
    if not keys:
        return anything, []
    parents = parents_of(tree) if any(isinstance(key, ast.Name) for key in keys) else {}
    prefixes: set[str] = set()
    for key in keys:
        for value in _key_values(key, tree, parents):
            prefix = key_prefix(value) if value is not None else None
            if prefix is None:
                anything = True
            else:
                prefixes.add(prefix)
    return anything, sorted(prefixes)


def _key_values(key: ast.expr, tree: ast.Module, parents: dict[int, ast.AST]) -> list[ast.expr | None]:
    """The expressions `key` (a sys.modules key, exec()'s namespace) may be: itself; for a name, the
    values the innermost function around it assigns it, or (a name it does not bind) those the
    module assigns it in any scope; None where it may be anything (a parameter, a name bound any
    other way)."""
    if not isinstance(key, ast.Name):
        return [key]
    scope = _function_of(key, parents)
    if scope is not None:
        params = {node.arg for node in ast.walk(scope.args) if isinstance(node, ast.arg)}
        values, bound = _plain_values(_own_nodes(scope), params)
        if key.id in bound:
            return [*values.get(key.id, [])] or [None]
    nodes = walk(tree)  # every scope's: a parameter anywhere of that name may be the one
    values, _ = _plain_values(nodes, {node.arg for node in nodes if isinstance(node, ast.arg)})
    return [*values.get(key.id, [])] or [None]


def _own_nodes(scope: Function) -> list[ast.AST]:
    """The nodes of a function's own scope: those of its body, not of the functions, lambdas and
    classes in it (but their names, decorators, defaults and bases, which run in it)."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = [*scope.body] if isinstance(scope.body, list) else [scope.body]
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, (*_SCOPES, ast.ClassDef)):
            todo += getattr(node, "decorator_list", [])
            if isinstance(node, ast.ClassDef):
                todo += [*node.bases, *(keyword.value for keyword in node.keywords)]
            else:
                todo += [d for d in [*node.args.defaults, *node.args.kw_defaults] if d is not None]
            continue
        todo += child_nodes(node)
    return found


def _plain_values(nodes: Iterable[ast.AST], params: set[str]) -> tuple[dict[str, list[ast.expr]], set[str]]:
    """Each name that `nodes` bind only by plain assignments (`name = value`), with the values, and
    every name they bind: a name bound any other way too (one of `params`, a loop or `with` target,
    an import, `global`, an unpacking, `+=`, `:=`...) has no values; after a star import, none has."""
    stores: Counter[str] = Counter()
    values: dict[str, list[ast.expr]] = {}
    other = set(params)
    star = False
    for node in nodes:
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            stores[node.id] += 1
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Name):
                    values.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            other.update(node.names)
        else:
            star = star or isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
            other.update(binds_by_name(node))
    bound = {*stores, *other}
    if star:
        return {}, bound
    return {name: found for name, found in values.items() if name not in other and stores[name] == len(found)}, bound


def key_prefix(node: ast.expr) -> str | None:
    """The literal text that every string `node` may give starts with: a string, an f-string or a
    sum or %-format or .format() of a string first; None when that is nothing (any name)."""
    prefix: str | None = None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        prefix = node.value
    elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        prefix = str(node.values[0].value)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        prefix = key_prefix(node.left)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
            and isinstance(node.left.value, str):
        prefix = node.left.value.partition("%")[0]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
        prefix = node.func.value.value.partition("{")[0]
    return prefix or None


def may_key(prefixes: list[str], name: str) -> bool:
    """May a sys.modules key that starts with one of `prefixes` be `name`?"""
    return any(name.startswith(prefix) for prefix in prefixes)


def _imported(tree: ast.Module, package: str) -> dict[str, str]:
    """Each name an import binds anywhere in the module -> the dotted name it imports."""
    imported: dict[str, str] = {}
    for node in walk_statements(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                imported[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom):
            base = absolute_module(package, node.level, node.module)
            imported.update({a.asname or a.name: f"{base}.{a.name}" for a in node.names if base and a.name != "*"})
    return imported


_NO_CALLS_RUN = (*_DEFINITIONS, ast.Import, ast.ImportFrom)  # what name_handed_to need not walk


def name_handed_to(tree: ast.Module, package: str) -> list[str]:
    """The imported functions (dotted) that the module's own statements hand its `__name__`, or what
    may be the module object itself, when it runs: `local.recreate_module(__name__, ...)` may
    replace the module in sys.modules; astropy.constants hands `find_current_module()` to a function
    that sets its constants on it (namespace_writers). (What decorates its definitions is handed
    them: summary.py adds those.)"""
    calls = [node.func for stmt in block_statements(tree.body) if not isinstance(stmt, _NO_CALLS_RUN)
             for node in walk(stmt) if isinstance(node, ast.Call) and any(
                 _may_be_itself(arg) for arg in [*node.args, *(k.value for k in node.keywords)])]
    if not calls:
        return []
    imported = _imported(ast.Module(body=[s for s in block_statements(tree.body) if isinstance(
        s, (ast.Import, ast.ImportFrom))], type_ignores=[]), package)  # what the module's own statements import
    handed = []
    for call in calls:
        head, _, rest = dotted(call).partition(".")
        if head in imported:
            handed.append(imported[head] + ("." + rest if rest else ""))
    return handed


_MUTATORS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"})
_FINDS_MODULE = ("find_current_module", "getmodule", "import_module")  # astropy's, inspect's: the module of a frame


def _may_be_itself(arg: ast.expr) -> bool:
    """Is the argument the module's `__name__`, or may it be the module object itself
    (`sys.modules[__name__]`, `find_current_module()`, `inspect.getmodule(...)`)?"""
    if isinstance(arg, ast.Name):
        return arg.id == "__name__"
    if isinstance(arg, ast.Subscript):
        return isinstance(arg.slice, ast.Name) and arg.slice.id == "__name__" and dotted(arg.value).endswith("modules")
    if isinstance(arg, ast.Call):
        return dotted(arg.func).rpartition(".")[2] in _FINDS_MODULE
    return False


def _literal(node: ast.expr) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def namespace_writers(tree: ast.Module) -> list[list[str]]:
    """[function, name] for each of the module's functions that sets a name on an object handed to
    it (`setattr(module, name, value)` on a parameter; "*" when the name is computed, as in
    astropy's `constants.utils._set_c`, which the package hands itself). A module that hands
    itself to one binds names its source does not show (name_handed_to)."""
    found = []
    functions = [(node.name, node) for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    functions += [(f"{cls.name}.{node.name}", node) for cls in tree.body if isinstance(cls, ast.ClassDef)
                  for node in cls.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for qualname, node in functions:
        inside = list(walk(node))  # a decorator factory's own decorator counts (pyomo's declare_custom_block)
        params = {a.arg for f in inside if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                  for a in [*f.args.posonlyargs, *f.args.args, *f.args.kwonlyargs]}
        found += sorted({(qualname, _literal(n.args[1]) or "*") for n in inside
                         if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "setattr"
                         and len(n.args) >= 2 and _handed_namespace(n.args[0], params)})
    return [list(pair) for pair in found]


def _handed_namespace(target: ast.expr, params: set[str]) -> bool:
    """Is `target` a parameter, or the module a parameter was defined in (`sys.modules[cls.__module__]`:
    matplotlib's `@_Backend.export` sets `FigureCanvas` on the module of the class it decorates)?"""
    if isinstance(target, ast.Name):
        return target.id in params
    return isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Attribute) \
        and target.slice.attr == "__module__" and isinstance(target.slice.value, ast.Name) \
        and target.slice.value.id in params


def frame_writers(tree: ast.Module) -> list[str]:
    """The module's functions that may write the namespace of the code that calls them, found
    through a frame (`sys._getframe(1).f_globals[name] = ...`, anyio's `install_lazy_importer()`
    binding its caller's `__getattr__`): a function that stores into, deletes from or changes
    (`update`, `setdefault`, ...) a frame's `f_globals` or `f_locals`, directly or through a name
    it binds to one (`module_globals = sys._getframe(1).f_globals`). A function that only reads
    them (click's `version_option` takes its caller's `__name__`, and changes its own `kwargs`)
    is none, unless it also stores into `sys.modules` (pyomo's `relocated_module(new_name)` puts
    another module in place of its caller's, by the name it read there). A module that calls one
    binds names its source does not show."""
    found = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        inside = list(walk(node))
        if not any(isinstance(n, ast.Attribute) and n.attr in ("f_globals", "f_locals") for n in inside):
            continue
        aliases = {target.id for n in inside if isinstance(n, ast.Assign) and _frame_namespace(n.value, set())
                   for target in n.targets if isinstance(target, ast.Name)}
        if any(isinstance(n, ast.Subscript) and isinstance(n.ctx, (ast.Store, ast.Del))
               and (_frame_namespace(n.value, aliases) or dotted(n.value) == "sys.modules")
               or isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS
               and _frame_namespace(n.func.value, aliases) for n in inside):
            found.append(node.name)
    return found


def _frame_namespace(node: ast.expr, aliases: set[str]) -> bool:
    """Is `node` a frame's namespace (`....f_globals`, `....f_locals`, or a name bound to one;
    `f.f_globals if f else None` too)?"""
    if isinstance(node, ast.Name):
        return node.id in aliases
    return any(isinstance(n, ast.Attribute) and n.attr in ("f_globals", "f_locals") for n in walk(node))


def attribute_writes(tree: ast.Module, package: str, import_time_only: bool = False) -> list[list[str]]:
    """[module, name] for every `mod.name = ...` or `setattr(mod, "name", ...)` ("*" when the name
    is computed) on a module this one imports, anywhere in its code: names other modules gain.
    `import_time_only` (a test module: its functions run after every test module was imported):
    only in the code that runs when it is imported (see import_time_nodes)."""
    imported = _imported(tree, package)
    writes: list[list[str]] = []
    for node in import_time_nodes(tree) if import_time_only else walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            pairs = [(t.value, t.attr) for t in targets if isinstance(t, ast.Attribute)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                and len(node.args) >= 2:
            name = node.args[1]
            literal = name.value if isinstance(name, ast.Constant) and isinstance(name.value, str) else "*"
            pairs = [(node.args[0], literal)]
        else:
            continue
        for value, attr in pairs:
            chain = dotted(value)
            if chain and chain.split(".")[0] in imported:
                head, _, rest = chain.partition(".")
                writes.append([imported[head] + ("." + rest if rest else ""), attr])
    return writes


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def import_time_nodes(tree: ast.Module) -> list[ast.AST]:
    """The nodes that run when the module is imported: all but the bodies of its functions,
    except the functions (and the methods of the classes) that this code calls by name, and
    the functions decorated by a function of the module itself (which may call them)."""
    local: dict[str, list[ast.AST]] = {}
    for node in walk_statements(tree):
        if isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            local.setdefault(node.name, []).append(node)
    found: list[ast.AST] = []
    pending: list[ast.AST] = [tree]
    entered: set[str] = set()
    while pending:
        for node in _outside_functions(pending.pop()):
            found.append(node)
            called = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
            if isinstance(node, _FUNCTIONS) and any(_names(d) & local.keys() for d in node.decorator_list):
                called = node.name
            if called in local and called not in entered:
                entered.add(called)
                pending.extend(stmt for target in local[called] for stmt in _bodies(target))
    return found


def _bodies(node: ast.AST) -> list[ast.stmt]:
    """The statements a call of `node` may run: a function's body, every method's of a class."""
    if isinstance(node, _FUNCTIONS):
        return node.body
    return [stmt for sub in walk_statements(node) if isinstance(sub, _FUNCTIONS) for stmt in sub.body]


def _outside_functions(top: ast.AST) -> list[ast.AST]:
    """`top` and what it holds, without descending into function bodies (their decorators,
    defaults and annotations run where the function is defined)."""
    found: list[ast.AST] = []
    stack = [top]
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, _FUNCTIONS):
            stack.extend(node.decorator_list)
            stack.extend(d for d in (*node.args.defaults, *node.args.kw_defaults) if d is not None)
        else:
            stack.extend(child_nodes(node))
    return found


def _names(expr: ast.expr) -> set[str]:
    return {n.id for n in walk(expr) if isinstance(n, ast.Name)}


def runtime_imports(tree: ast.Module, package: str) -> list[tuple[str, tuple[str, ...], int, bool]]:
    """(absolute module, names, line, unconditional) of the imports that run, unguarded, when the
    module is imported. Function bodies, `if TYPE_CHECKING:` blocks and `try:` bodies whose
    handlers catch an ImportError do not count: they cannot make the import of this module fail.
    An import is unconditional when it runs whenever the module is imported (up to an earlier
    error): not in an `if` branch (the runtime side of a TYPE_CHECKING test excepted), a loop
    body, an `except` handler, a `match` case or a `with` block (its context manager may swallow
    the error)."""
    found: list[tuple[str, tuple[str, ...], int, bool]] = []

    def visit(stmts: list[ast.stmt], always: bool) -> None:
        for node in stmts:
            if isinstance(node, ast.Import):
                found.extend((alias.name, (), node.lineno, always) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                module = absolute_module(package, node.level, node.module)
                found.append((module, tuple(a.name for a in node.names if a.name != "*"), node.lineno, always))
            elif isinstance(node, ast.If):
                branch = is_type_checking(node.test)
                if branch is not True:
                    visit(node.body, always and branch is False)
                if branch is not False:
                    visit(node.orelse, always and branch is True)
            elif is_try(node):
                catching = [h for h in node.handlers if catches_import_error(h)]
                if not catching:
                    visit(node.body, always)
                elif any(map(reraises, catching)):
                    visit(node.body, False)  # the handler may raise again: the import may still fail it
                for handler in node.handlers:
                    visit(handler.body, False)
                visit(node.orelse, always)
                visit(node.finalbody, always)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                visit(node.body, False)  # a context manager may swallow the error (`suppress(ImportError)`)
            elif isinstance(node, ast.ClassDef):
                visit(node.body, always)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
                visit(node.body, False)
                visit(node.orelse, False)

    visit(tree.body, True)
    return found


def sometimes_bound(stmts: list[ast.stmt]) -> tuple[set[str], set[str]]:
    """(names always bound, names bound only on some paths) by a module's top-level statements:
    `try: from ._speedups import fast` / `except ImportError: pass` binds `fast` sometimes."""
    always: set[str] = set()
    sometimes: set[str] = set()
    for node in stmts:
        if isinstance(node, ast.If):
            branches = [sometimes_bound(node.body), sometimes_bound(node.orelse)]
        elif is_try(node):
            branches = [sometimes_bound(node.body + node.orelse)] + [
                sometimes_bound(h.body) for h in node.handlers]
            final = sometimes_bound(node.finalbody)
            always |= final[0]
            sometimes |= final[1]
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.Match)):
            inner = [n for n in walk_statements(node) if isinstance(n, ast.stmt) and n is not node]
            branches = [sometimes_bound(inner), (set(), set())]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            branches = [sometimes_bound(node.body)]
        else:
            always |= _binds_alone(node)  # a simple statement binds on every path
            continue
        common = set.intersection(*(a for a, _ in branches))
        always |= common
        for a, s in branches:
            sometimes |= (a - common) | s
    return always, sometimes - always


def _binds_alone(node: ast.stmt) -> set[str]:
    """What a simple statement binds (an augmented assignment of a name counts as binding it)."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                         ast.Assign, ast.AnnAssign, ast.AugAssign)):
        return set(statement_binds(node))
    return set()


def binding_lines(stmts: list[ast.stmt], deep: bool = True) -> dict[str, list[int]]:
    """name -> [line of its first binding of any kind, line after which its first unconditional
    binding has run (0: none)], for the module's top-level statements: what a partly initialised
    module holds when an import at some line runs (a cycle). A binding whose moment cannot be
    read (`global` in a function, `:=`) counts as line 0 (maybe at any time); a star import binds
    "*", a module `__getattr__` "__getattr__" (anything may be there from then on). Without
    `deep`, the walk for `global` and `:=` is skipped (the text holds neither)."""
    lines: dict[str, list[int]] = {}

    def bound(name: str, first: int, always: int) -> None:
        entry = lines.setdefault(name, [first, 0])
        entry[0] = min(entry[0], first)
        if always and not entry[1]:
            entry[1] = always

    for stmt in stmts:
        for node in walk(stmt) if deep else ():
            if isinstance(node, ast.Global) or isinstance(node, ast.NamedExpr):
                names = node.names if isinstance(node, ast.Global) else target_names_of(node.target)
                for name in names:
                    bound(name, 0, 0)
        simple = isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef,
                                   ast.ClassDef, ast.Assign, ast.AnnAssign, ast.AugAssign))
        if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            bound("*", stmt.lineno, stmt.lineno)
        if simple:
            for name in statement_binds(stmt):
                bound(name, stmt.lineno, stmt.end_lineno or stmt.lineno)
            continue
        for inner in _outside_definitions(stmt):
            if isinstance(inner, ast.stmt) and inner is not stmt:
                for name in statement_binds(inner):
                    bound(name, stmt.lineno, 0)
                if isinstance(inner, ast.ImportFrom) and any(a.name == "*" for a in inner.names):
                    bound("*", stmt.lineno, 0)
            if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store):
                bound(inner.id, stmt.lineno, 0)
    return lines


def target_names_of(target: ast.expr) -> list[str]:
    return [n.id for n in walk(target) if isinstance(n, ast.Name)]


def _outside_definitions(top: ast.stmt) -> list[ast.AST]:
    """`top` and what it holds, not descending into the functions and classes it defines."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = [top]
    while stack:
        node = stack.pop()
        found.append(node)
        if node is top or not isinstance(node, _DEFINITIONS):
            stack.extend(child_nodes(node))
    return found


_IMPORT_CALLS = {"import_module", "__import__", "reload", "exec_module", "load_module"}


_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")
_IMPORT_CALL_WORDS = re.compile(r"\b(?:import_module|__import__|reload|exec_module|load_module)\b")


def may_import_by_call(source: str) -> bool:
    """Does the text hold a word of _IMPORT_CALLS? (Each is looked for as a plain string first:
    most modules hold none, and a search for a plain string is many times faster.)"""
    return any(word in source for word in _IMPORT_CALLS) and _IMPORT_CALL_WORDS.search(source) is not None


def _import_word_lines(source: str) -> list[int]:
    """The lines that hold the word `import` (not inside a longer ASCII word): every import
    statement holds it, wherever it is (in a function, after a `;`, across lines). Found with
    plain-string searches: many times faster than a regular expression tried on every line."""
    lines: list[int] = []
    line, counted = 1, 0  # the line number at offset `counted`
    at = source.find("import")
    while at != -1:
        end = at + len("import")
        if source[at - 1:at] not in _WORD_CHARS and source[end:end + 1] not in _WORD_CHARS:
            line += source.count("\n", counted, at)
            counted = at
            lines.append(line)
        at = source.find("import", end)
    return lines


def import_steps(tree: ast.Module, package: str, source: str | None = None) -> list[list[Any]]:
    """[absolute module, names ("*" for a star), line, kind] of every import the module may run
    when it is imported, in the order it runs them. kind: "run" (unconditional, up to an earlier
    error), "try:N" (in the body of the N-th unconditional `try` whose handlers catch an
    ImportError: a failure skips the rest of that body and is swallowed), "maybe" (it may run or
    not: an `if` branch, a loop, a `with` block, a handler, a function the module calls as it
    runs), "dynamic" (a call that imports what the statements do not show, module "")."""
    steps: list[list[Any]] = []
    skipped: set[int] = set()  # the lines of imports only type checkers run
    tries = 0

    def visit(stmts: list[ast.stmt], kind: str) -> None:
        nonlocal tries
        for node in stmts:
            if isinstance(node, ast.Import):
                steps.extend([alias.name, [], node.lineno, kind] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                steps.append([absolute_module(package, node.level, node.module), [a.name for a in node.names],
                              node.lineno, kind])
            elif isinstance(node, ast.If):
                branch = is_type_checking(node.test)
                if branch is not True:
                    visit(node.body, kind if branch is False else "maybe")
                if branch is not False:
                    visit(node.orelse, kind if branch is True else "maybe")
                for never in (node.body if branch is True else node.orelse if branch is False else ()):
                    skipped.update(n.lineno for n in walk_statements(never)
                                   if isinstance(n, (ast.Import, ast.ImportFrom)))
            elif is_try(node):
                catches = any(catches_import_error(h) for h in node.handlers)
                if catches and kind == "run":
                    tries += 1
                    visit(node.body, f"try:{tries}")
                else:
                    visit(node.body, "maybe" if catches else kind)
                for handler in node.handlers:
                    visit(handler.body, "maybe")
                visit(node.orelse, "maybe" if catches else kind)
                visit(node.finalbody, kind)
            elif isinstance(node, ast.ClassDef):
                visit(node.body, kind)
            elif isinstance(node, (ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While)):
                visit(node.body, "maybe")
                visit(getattr(node, "orelse", []), "maybe")
            elif isinstance(node, ast.Match):
                for case in node.cases:
                    visit(case.body, "maybe")

    visit(tree.body, "run")
    seen = {step[2] for step in steps}
    if source is not None and not may_import_by_call(source) and all(
            line in seen or line in skipped for line in _import_word_lines(source)):
        return steps  # no import in a function, no dynamic import: nothing more can run
    never: set[int] | None = None  # what runs only for type checkers: built when first needed
    early: list[list[Any]] = []
    for node in import_time_nodes(tree):
        if isinstance(node, ast.Call) and (dotted(node.func).rpartition(".")[2] in _IMPORT_CALLS):
            found = [["", [], node.lineno, "dynamic"]]
        elif isinstance(node, ast.Import) and node.lineno not in seen:
            found = [[alias.name, [], node.lineno, "maybe"] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.lineno not in seen:
            found = [[absolute_module(package, node.level, node.module), [a.name for a in node.names],
                      node.lineno, "maybe"]]
        else:
            continue
        never = type_checking_only_nodes(tree) if never is None else never
        if id(node) not in never:
            early.extend(found)
    return early + steps  # what a function the module calls may import: as if first (the safe side)


# Names the builtins of some interpreter the tests may run on (CPython 3.10 and later, on any
# platform) hold, beside the running one's: a read of one never counts as unbound.
_OTHER_BUILTINS = {"aiter", "anext", "EncodingWarning", "BaseExceptionGroup", "ExceptionGroup",
                   "PythonFinalizationError", "_IncompleteInputError", "WindowsError"}
BUILTIN_NAMES = frozenset(dir(builtins)) | _OTHER_BUILTINS


def unbound_reads(tree: ast.Module, bound: Collection[str]) -> list[list[Any]]:
    """[name, line] of the first read of each name that code running whenever the module is
    imported makes, where neither the module (`bound`: the names its statements bind outside
    `if TYPE_CHECKING:`; and any name bound anywhere in it, in any scope) nor the builtins bind
    it: a NameError on `line`, which orders it among the module's imports (no import can stand
    between a statement's first line and a read in it: a class body's imports and reads are
    statements of their own). In line order. What may not run is not read: the bodies of `if`
    (unless TYPE_CHECKING decides it), `try`, loops, `with` and `match`; functions' bodies and
    annotations (lazy under PEP 563 and 649); a class body with keywords (a metaclass's
    `__prepare__` may fill its namespace); the operands a short circuit may skip. Dunder names
    and `_` (gettext.install puts it in the builtins) never count."""
    first: dict[str, int] = {}
    owned: dict[int, set[str]] = {}  # a class body's own names, read when first needed
    for name, line, classes in _always_read(tree.body, ()):
        if name in bound or name in BUILTIN_NAMES or name == "_" or name.startswith("__") and name.endswith("__"):
            continue
        if classes and any(name in _class_names(c, owned) for c in classes):
            continue
        first[name] = min(line, first.get(name, line))
    if first:
        anywhere = bound_names(tree, skip=type_checking_only_nodes(tree))
        first = {name: line for name, line in first.items() if name not in anywhere}
    return sorted(([name, line] for name, line in first.items()), key=lambda read: (read[1], read[0]))


def _class_names(node: ast.ClassDef, owned: dict[int, set[str]]) -> set[str]:
    names = owned.get(id(node))
    if names is None:
        names = owned[id(node)] = bound_names(ast.Module(body=node.body, type_ignores=[]))
    return names


Classes = tuple[ast.ClassDef, ...]


def _always_read(stmts: list[ast.stmt], classes: Classes) -> Iterator[tuple[str, int, Classes]]:
    """(name, line, the class bodies around the read) of each name read by code that runs
    whenever these statements run (see unbound_reads)."""
    for stmt in stmts:
        exprs: list[ast.AST] = []
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            exprs = [*stmt.decorator_list, *stmt.args.defaults, *(d for d in stmt.args.kw_defaults if d is not None)]
        elif isinstance(stmt, ast.ClassDef):
            exprs = [*stmt.decorator_list, *stmt.bases, *(k.value for k in stmt.keywords)]
            if not stmt.keywords:
                yield from _always_read(stmt.body, (*classes, stmt))
        elif isinstance(stmt, ast.If):
            exprs = [stmt.test]
            branch = is_type_checking(stmt.test)
            if branch is not None:
                yield from _always_read(stmt.orelse if branch else stmt.body, classes)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            exprs = [item.context_expr for item in stmt.items]
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            exprs = [stmt.iter]
        elif isinstance(stmt, ast.While):
            exprs = [stmt.test]
        elif isinstance(stmt, ast.Match):
            exprs = [stmt.subject]
        elif isinstance(stmt, ast.Assign):
            exprs = [stmt.value, *stmt.targets]
        elif isinstance(stmt, ast.AnnAssign):
            exprs = [stmt.value] if stmt.value is not None else []
            if not isinstance(stmt.target, ast.Name):
                exprs.append(stmt.target)
        elif isinstance(stmt, (ast.AugAssign, ast.Expr)):
            exprs = [stmt.value]
        for name, line in _reads(exprs):
            yield name, line, classes


def _reads(exprs: list[ast.AST]) -> Iterator[tuple[str, int]]:
    """(name, line) of each name these expressions read whenever they are evaluated: not in a lambda's body, nor
    in what a short circuit (`and`, `or`, `x if c else y`, chained comparisons) or a comprehension
    (all but its first iterable: the iterable may be empty; a generator runs lazily) may skip."""
    stack = list(exprs)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                yield node.id, node.lineno
        elif isinstance(node, ast.Lambda):
            stack.extend(d for d in [*node.args.defaults, *node.args.kw_defaults] if d is not None)
        elif isinstance(node, ast.BoolOp):
            stack.append(node.values[0])
        elif isinstance(node, ast.IfExp):
            stack.append(node.test)
        elif isinstance(node, ast.Compare):
            stack.extend((node.left, node.comparators[0]))
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            stack.append(node.generators[0].iter)
        else:
            stack.extend(child_nodes(node))
