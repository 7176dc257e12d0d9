"""How a file uses one name: called (with which arguments), subclassed, which attributes it reads.

Read from the stdlib syntax tree only. Two readers: the IMG102 rule (a rename candidate must be
the same kind of symbol as the test's use) and the stub writer (a stub is shaped by the use).
"""
from __future__ import annotations

import ast
import keyword
from dataclasses import dataclass, field

from flake8_importguard.base.model import SymbolKind
from flake8_importguard.base.syntax import parents_of

_DYNAMIC = {"globals", "locals", "vars", "eval", "exec", "__getattr__", "__import__"}  # names used unseen


@dataclass
class Call:
    """The shape of one call: what a stub's parameters must accept."""

    positional: tuple[str, ...] = ()  # a suggested name per positional argument ("" = none)
    keywords: tuple[str, ...] = ()
    star: bool = False  # *args was passed
    starstar: bool = False  # **kwargs was passed


@dataclass
class Use:
    calls: list[Call] = field(default_factory=list)
    subclassed: bool = False
    class_attrs: dict[str, list[Call]] = field(default_factory=dict)  # Name.attr -> calls ([] = read)
    instance_attrs: dict[str, list[Call]] = field(default_factory=dict)  # Name(...).attr / x.attr
    decorates: bool = False

    @property
    def called(self) -> bool:
        return bool(self.calls)


def spelled_kind(name: str) -> SymbolKind:
    """What a name's spelling promises: CapWords -> class, UPPER_CASE -> variable, else function."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return SymbolKind.VARIABLE
    if name.lstrip("_")[:1].isupper():
        return SymbolKind.CLASS
    return SymbolKind.FUNCTION


def fits(use: Use, wanted: str, kind: str) -> bool:
    """Is a symbol of `kind` a convincing stand-in for `wanted`, used as the file uses it?"""
    if use.subclassed:
        return kind == SymbolKind.CLASS
    expected = spelled_kind(wanted)
    if expected is SymbolKind.CLASS:
        return kind == SymbolKind.CLASS
    if expected is SymbolKind.VARIABLE:
        return kind == SymbolKind.VARIABLE and not use.called
    if use.called or use.decorates:
        return kind == SymbolKind.FUNCTION
    return kind in (SymbolKind.FUNCTION, SymbolKind.VARIABLE, SymbolKind.MODULE)


def _references(tree: ast.AST) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            counts[node.id] = counts.get(node.id, 0) + 1
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            counts[node.value] = counts.get(node.value, 0) + 1  # `__all__` entries, string annotations
    return counts


def imports_left_unused(before: ast.Module, after: ast.Module) -> set[str]:
    """Names imported in `before` that it uses and `after` (the same file, rewritten) no longer
    uses; nothing when the file may use names unseen (globals(), eval, a module __getattr__)."""
    old, new = _references(before), _references(after)
    if _DYNAMIC & old.keys():
        return set()
    imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(before)
                if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    return {name for name in imported if old.get(name) and not new.get(name)}


def _call(node: ast.Call) -> Call:
    positional = []
    star = False
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            star = True
        else:
            positional.append(_suggested(arg))
    keywords = tuple(k.arg for k in node.keywords if k.arg)
    return Call(tuple(positional), keywords, star, any(k.arg is None for k in node.keywords))


def _suggested(arg: ast.expr) -> str:
    """A parameter name taken from the argument, if it is a plain name or attribute."""
    if isinstance(arg, ast.Name):
        return arg.id
    if isinstance(arg, ast.Attribute):
        return arg.attr
    return ""


def uses_of(tree: ast.AST, name: str, parents: dict[int, ast.AST] | None = None) -> Use:
    """How the code uses `name`. `parents`: the tree's parent map, when the caller has it."""
    use = Use()
    parents = parents if parents is not None else parents_of(tree)
    instances: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and _is(node.value.func, name):
            instances.update(t.id for t in node.targets if isinstance(t, ast.Name))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            use.subclassed = use.subclassed or any(_is(base, name) for base in node.bases)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            use.decorates = use.decorates or any(
                _is(d.func if isinstance(d, ast.Call) else d, name) for d in node.decorator_list
            )
        if isinstance(node, ast.Call) and _is(node.func, name):
            use.calls.append(_call(node))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            table = None
            if _is(node.value, name):
                table = use.class_attrs
            elif (isinstance(node.value, ast.Call) and _is(node.value.func, name)) or (
                isinstance(node.value, ast.Name) and node.value.id in instances
            ):
                table = use.instance_attrs
            if table is not None:
                calls = table.setdefault(node.attr, [])
                parent = parents.get(id(node))
                if isinstance(parent, ast.Call) and parent.func is node:
                    calls.append(_call(parent))
    return use


def _is(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def parameters(calls: list[Call], taken: tuple[str, ...] = ()) -> list[str]:
    """Parameter source text that accepts every call: `title, body=None, *, tags=None, **kwargs`."""
    if not calls:
        return []
    most = max(len(c.positional) for c in calls)
    least = min((len(c.positional) for c in calls if not c.star), default=most)  # *args may fill any
    every_keyword = sorted({k for c in calls for k in c.keywords})
    used = set(taken) | set(every_keyword)
    names = []
    for i in range(most):
        suggestions = [c.positional[i] for c in calls if i < len(c.positional) and c.positional[i]]
        candidate = suggestions[0] if suggestions else ""
        if not candidate.isidentifier() or keyword.iskeyword(candidate) or candidate in used:
            candidate = f"arg{i + 1}"
            while candidate in used:
                candidate += "_"
        used.add(candidate)
        names.append(candidate if i < least else f"{candidate}=None")
    params = names
    if any(c.star for c in calls):
        params.append("*args")
    elif every_keyword:
        params.append("*")
    params.extend(f"{k}=None" for k in every_keyword)
    if any(c.starstar for c in calls):
        params.append("**kwargs")
    if params and params[-1] == "*":
        params.pop()
    return params
