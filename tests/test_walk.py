"""`walk_statements` is `ast.walk` restricted to statements (with handlers and match cases), in
the same order: the summarizer and the rules ask it where they look only for statements, so the
answers must not change; `walk` and `child_nodes` are `ast.walk` and `ast.iter_child_nodes`, in
the same order. The checker's walk for rules on expressions yields every node of a type a rule is
registered for, once, as ast.walk does. Over generated source of every form, the standard
library, and a module with every statement list. And a file's check leaves no cycle behind: its
tree goes when the check ends, not at the garbage collector's next pass."""
from __future__ import annotations

import ast
import gc
import os

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from flake8_importguard.base.syntax import child_nodes, walk, walk_statements
from flake8_importguard.lint import rules
from flake8_importguard.lint.checker import rule_nodes
from flake8_importguard.lint.context import Context
from flake8_importguard.lint.facts import FileFacts
from flake8_importguard.lint.registry import rule_table
from support import APP, check, stdlib_sources

KINDS = (ast.stmt, ast.excepthandler, ast.match_case, ast.Module)

EVERY_LIST = """\
import a
try:
    import b
except ImportError as e:
    def f():
        global g
        import c
else:
    class K:
        def m(self):
            try:
                pass
            finally:
                import d
finally:
    x = 1
for i in y:
    import e
else:
    while z:
        with w:
            import f
    else:
        pass
match v:
    case [1, *rest] if rest:
        import g
    case _:
        async def h():
            async with q:
                async for r in s:
                    import i
if t:
    import j
elif u:
    import k
else:
    lambda: (yield)
"""


def same(tree: ast.Module) -> None:
    nodes = list(ast.walk(tree))
    assert list(walk_statements(tree)) == [node for node in nodes if isinstance(node, KINDS)]
    assert walk(tree) == nodes
    assert all(child_nodes(node) == list(ast.iter_child_nodes(node)) for node in nodes)
    rules.load(True)
    for table in (rule_table(lambda code: True, every_file=False), {ast.Name: [], ast.Call: []}):
        walked = [id(node) for node in rule_nodes(tree, table) if type(node) in table]  # type: ignore[arg-type]
        assert sorted(walked) == sorted(id(node) for node in nodes if type(node) in table)


def test_every_statement_list():
    tree = ast.parse(EVERY_LIST)
    same(tree)
    imports = {n.names[0].name for n in walk_statements(tree) if isinstance(n, ast.Import)}
    assert imports == set("abcdefgijk")  # every statement list is entered
    assert not any(isinstance(n, ast.expr) for n in walk_statements(tree))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_generated_source(text):
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return
    same(tree)


@pytest.mark.parametrize("package", ["asyncio", "email", "importlib", "json", "unittest"])
def test_standard_library(package):
    for source in stdlib_sources(package):
        same(ast.parse(source))


PLACEHOLDERS = """\
from unittest.mock import Mock

from app.models import UserSession

Thread = Mock()


def test_thread():
    assert Thread(UserSession).called is not None
"""


def test_a_check_leaves_no_cycle_behind(tmp_path, write_tree):
    root = write_tree(str(tmp_path / "p"), APP)
    path = os.path.join(root, "tests", "test_cycle.py")
    check(PLACEHOLDERS, path)  # the project read, its modules summarized
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        assert check(PLACEHOLDERS, path)  # the facts and the parent map read
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if isinstance(o, (Context, FileFacts, ast.Module))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []
