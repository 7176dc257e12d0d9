"""Which calls patch something by name, and what they name: `mock.patch("pkg.mod.Name")` (as a
decorator, a context manager or a started patcher), `patch.object(obj, "attr")`,
`patch.dict("pkg.mod.TABLE", ...)`, `patch.multiple("pkg.mod", a=...)`, the same through
pytest-mock's `mocker`, and pytest's `monkeypatch.setattr` / `monkeypatch.delattr`, with `mock`
imported from `unittest.mock` or the `mock` package, under any alias.

Only literal targets count: an f-string, a concatenation or a variable is a target the tool
cannot read. `create=True` and `raising=False` targets may be missing on purpose: never read.
"""
from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from flake8_importguard.base.syntax import dotted
from flake8_importguard.lint.facts import MOCK_MODULES

if TYPE_CHECKING:
    from flake8_importguard.lint.context import Context
    from flake8_importguard.lint.scopes import ImportBinding

MOCKER_NAMES = {"mocker", "module_mocker", "class_mocker", "package_mocker", "session_mocker"}
MONKEYPATCH_NAMES = {"monkeypatch"}
PATCH_OPTIONS = {"spec", "spec_set", "create", "new_callable", "autospec", "new", "unsafe"}
# `mock` creates a missing builtin name on a module (`patch("app.io.open")`) instead of failing
BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_"))
_LAST = "patch", "object", "dict", "multiple", "setattr", "delattr"


@dataclass(frozen=True)
class PatchTarget:
    node: ast.expr  # where a finding points: the literal, or the object the attribute is patched on
    parts: tuple[str, ...]  # the dotted path, after the object `start` when there is one
    start: ImportBinding | None = None  # the import that the patched object's name refers to
    imports: int = 0  # leading parts resolved as modules first (pkgutil.resolve_name); 0: attributes only
    builtins: bool = False  # mock's rule: a builtin name on a module is created, never missing
    literal: str = ""  # the string literal that spells `parts` (whole, or the attribute alone)
    head: ast.expr | None = None  # the object argument whose name `start` is the import of

    @property
    def whole(self) -> bool:
        """Does the literal spell the whole path (so that a fix may move it to another module)?"""
        return self.start is None and self.literal == ".".join(self.parts)


def patch_form(ctx: Context, node: ast.Call) -> str:
    """'patch', 'patch.object', 'patch.dict', 'patch.multiple', 'setattr', 'delattr', or ''."""
    func = node.func
    if not (isinstance(func, ast.Name) or isinstance(func, ast.Attribute) and func.attr in _LAST):
        return ""  # a name may be an alias (`patch as replace`); an attribute is spelled out
    name = ctx.facts.qualified(func) or dotted(func)
    head, _, rest = name.partition(".patch")
    if head in MOCK_MODULES or head in MOCKER_NAMES:
        return f"patch{rest}" if rest in ("", ".object", ".dict", ".multiple") else ""
    head, _, rest = name.partition(".")
    return rest if head in MONKEYPATCH_NAMES and rest in ("setattr", "delattr") else ""


# positional arguments beyond these may say create=True or raising=False: not read
_MOST_ARGS = {"patch": 3, "patch.dict": 2, "patch.object": 4, "patch.multiple": 4, "setattr": 3, "delattr": 2}
# the parameters read, in their order (each may be given by keyword: `monkeypatch.setattr(target=..., name=...)`)
_PARAMETERS = {"patch": ("target",), "patch.dict": ("in_dict",), "patch.object": ("target", "attribute"),
               "patch.multiple": ("target",), "setattr": ("target", "name", "value"), "delattr": ("target", "name")}


def patch_targets(ctx: Context, node: ast.Call) -> Iterator[PatchTarget]:
    form = patch_form(ctx, node)
    if not form or len(node.args) > _MOST_ARGS[form] or _keyword(node, "create") or _keyword(node, "raising", False):
        return
    args = _arguments(node, _PARAMETERS[form])
    if form in ("patch", "patch.dict"):
        literal = _string(args[0]) if args else None
        if literal:
            parts = tuple(literal.split("."))
            whole = form == "patch.dict"
            yield PatchTarget(args[0], parts, imports=len(parts) - (not whole), builtins=not whole, literal=literal)
    elif form == "patch.object" or form in ("setattr", "delattr") and args and _string(args[0]) is None:
        yield from _on_object(ctx, args[0] if args else None, args[1] if len(args) > 1 else None,
                              builtins=form == "patch.object")
    elif form in ("setattr", "delattr") and args:
        literal = _string(args[0])
        if literal and len(args) == (2 if form == "setattr" else 1):
            parts = tuple(literal.split("."))
            yield PatchTarget(args[0], parts, imports=len(parts) - 1, literal=literal)
    elif form == "patch.multiple" and args:
        yield from _multiple(ctx, node, args[0])


def _arguments(node: ast.Call, parameters: tuple[str, ...]) -> list[ast.expr]:
    """The call's first arguments for `parameters`, positional or by keyword, up to the first not given."""
    found = list(node.args[:len(parameters)])
    for parameter in parameters[len(found):]:
        value = _value(node, parameter)
        if value is None:
            break
        found.append(value)
    return found


def _multiple(ctx: Context, node: ast.Call, patched: ast.expr) -> Iterator[PatchTarget]:
    names = [k.arg for k in node.keywords if k.arg and k.arg not in PATCH_OPTIONS and k.value is not patched]
    literal = _string(patched)
    for name in names:
        if literal:
            parts = tuple(literal.split("."))
            yield PatchTarget(patched, (*parts, name), imports=len(parts), builtins=True)
        else:
            for target in _on_object(ctx, patched, ast.Constant(name), builtins=True):
                yield PatchTarget(target.node, target.parts, target.start, builtins=True, head=target.head)


def _on_object(ctx: Context, obj: ast.expr | None, attribute: ast.expr | None, builtins: bool
               ) -> Iterator[PatchTarget]:
    """`patch.object(User, "save")`: the object is a chain of attributes on a name the file imports."""
    name = _string(attribute)
    chain = dotted(obj) if obj is not None else ""
    if not (name and chain) or not name.isidentifier():
        return
    head, *rest = chain.split(".")
    start = ctx.import_binding(obj) if obj is not None else None
    if start is not None:
        where = attribute if attribute is not None and hasattr(attribute, "lineno") else obj
        yield PatchTarget(where, (*rest, name), start, builtins=builtins, literal=name,  # type: ignore[arg-type]
                          head=obj)


def _string(node: ast.expr | None) -> str | None:
    """The dotted path a literal spells ('' for any other literal string); None when not a literal."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return None
    parts = node.value.split(".")
    return node.value if all(part.isidentifier() for part in parts) else ""


def _value(node: ast.Call, keyword: str) -> ast.expr | None:
    return next((k.value for k in node.keywords if k.arg == keyword), None)


def _keyword(node: ast.Call, keyword: str, truth: bool = True) -> bool:
    """Is the keyword given, and not a literal other than `truth`?"""
    value = _value(node, keyword)
    return value is not None and not (isinstance(value, ast.Constant) and bool(value.value) is not truth)
