"""A module's summary is read from its outline (function bodies and top-level class bodies blanked,
index/outline.py) where the summary would not read those bodies: the summary must be the one the whole text gives, over
the standard library, generated source of every form and the traps written here; every line
keeps its number; and an outline that could mislead is not used."""
from __future__ import annotations

import ast
import os

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from flake8_importguard.index.outline import holds_top_level, outline
from flake8_importguard.index.scan import may_write
from flake8_importguard.index.summary import BODY_WORDS, _outline, summarize_source
from support import STDLIB, stdlib_sources

BODY = '''import os


class Service:
    """A service."""

    limit = 3

    def run(self, items: list[int] = [1, (2, 3)],
            flag=(1, (2, 3))) -> int:
        """Runs.

        The docstring holds "def x():" and ends here.
        """
        total = sum(
            items)
        return total  # done
# a comment at column 0, inside the method

    async def stop(self):
        def inner():
            return 1
        return inner()


@staticmethod
def helper(x):  # a comment on the header
    if x:
        return x

    return os.sep


def one_line(): return 1


TAIL = helper(1)
'''

TRAPS = {
    "an import in a body": "def f():\n    import json\n    return json\n\n\nf()\n",
    "global": "def f():\n    global g\n    g = 1\n",
    "walrus": "def f():\n    if (n := 1):\n        return n\n",
    "a called function's import": "def f():\n    return g()\n\n\ndef g():\n    import json\n\n\nf()\n",
    "exec": "def f():\n    exec('x = 1')\n",
    "sys.modules": "import sys\n\n\ndef f():\n    sys.modules['m'] = 1\n",
    "a module __getattr__": "def __getattr__(name):\n    if name == 'x':\n        return 1\n"
                            "    raise AttributeError(name)\n",
    "a __getattr__ factory": "def make():\n    def __getattr__(name):\n        return 1\n    return __getattr__\n\n\n"
                             "__getattr__ = make()\n",
    "a string at column 0": 'def f():\n    x = """\ndef g():\n    pass\n"""\n    return x\n\n\nclass A:\n    pass\n',
    "brackets at column 0": "def f():\n    return [\n1, 2]\n\n\nX = 1\n",
    "a backslash": "def f():\n    x = 1 + \\\n2\n    return x\n\n\nY = 2\n",
    "tabs": "class A:\n\tdef f(self):\n\t\treturn 1\n",
    "carriage returns": "def f():\r\n    return 1\r\n\r\n\r\nX = 1\r\n",
    "a nested header": "def f(a=g(h(i(1)))):\n    return a\n",
    "a signature over lines": "def f(\n    a,\n    b,\n):\n    return a\n",
    "an import in a class body": "class A:\n    import json\n    dump = json.dumps\n\n\nX = 1\n",
    "__name__ in a class body": "from pkg.reg import register\n\n\nclass A:\n    key = register(__name__)\n",
    "global in a class body": "class A:\n    global g\n    g = 1\n\n\nclass B:\n    pass\n",
    "a walrus in a class body": "class A:\n    y = (z := 1)\n",
    "a class over lines": "class A(\n    dict,\n    metaclass=type,\n):\n    x = 1\n    # the end\n\n\nY = 2\n",
    "a class body string at column 0": 'class A:\n    x = """\nclass B:\n    pass\n"""\n\n\nC = 1\n',
    "a class body at the end": "class A(dict):  # a comment\n    x = [\n        1,\n    ]",
    "classes in a class": "class A:\n    class B:\n        x = 1\n\n    def f(self):\n        return 1\n\n\nZ = A.B\n",
}


def same(source: bytes, filename: str = "mod.py") -> bool:
    """The summary from the outline is the one from the whole text; True when the outline was used."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    for package in ("pkg.sub", ""):
        assert summarize_source(source, filename, package) == summarize_source(source, filename, package, tree), \
            source
    short = _outline(source, filename, may_write(source))
    return short is not None and short is not source


def test_bodies_are_blanked_and_every_line_keeps_its_place():
    source = BODY.encode()
    short = outline(source, BODY_WORDS)
    assert short is not None and len(short) < len(source)
    assert short.count(b"\n") == source.count(b"\n")
    assert b"total" not in short and b"inner" not in short and b"os.sep" not in short
    assert b"A service." not in short and b"limit" not in short and b"class Service:" in short

    def places(tree: ast.Module) -> list[tuple[str, int, int | None]]:
        return [(node.name, node.lineno, node.end_lineno) for node in tree.body
                if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]

    whole, outlined = ast.parse(source), ast.parse(short)
    assert places(outlined) == places(whole)
    assert [(s.lineno, s.end_lineno) for s in outlined.body] == [(s.lineno, s.end_lineno) for s in whole.body]
    assert same(source)


@pytest.mark.parametrize("name", ["an import in a class body", "global in a class body", "a walrus in a class body",
                                  "a class body string at column 0"])
def test_what_the_summary_reads_in_a_class_body_is_kept(name):
    """A class body runs as the module is imported: what the summary reads in it keeps it whole."""
    source = TRAPS[name].encode()
    short = outline(source, BODY_WORDS)
    lines = source.splitlines()
    body = [line.startswith(b"class A") for line in lines].index(True) + 1
    assert short is None or short.splitlines()[body] == lines[body]  # the body's first line is there


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_traps(name):
    same(TRAPS[name].encode())


@pytest.mark.parametrize("name", ["an import in a body", "global", "walrus", "exec", "sys.modules",
                                  "a string at column 0", "a backslash", "tabs", "carriage returns"])
def test_what_could_mislead_has_no_outline(name):
    assert outline(TRAPS[name].encode(), BODY_WORDS) is None


@pytest.mark.parametrize("name", ["a module __getattr__", "a __getattr__ factory", "a called function's import"])
def test_what_the_summary_reads_in_bodies_is_parsed_whole(name):
    assert _outline(TRAPS[name].encode(), "mod.py", False) is None


def test_package_init_and_stubs_are_parsed_whole():
    source = BODY.encode()
    assert _outline(source, "mod.py", False) is not None
    assert _outline(source, os.path.join("pkg", "__init__.py"), False) is None
    assert _outline(source, "mod.pyi", False) is None


def test_an_error_at_the_top_level_is_the_whole_texts():
    source = b"def f():\n    return 1\n\n\nclass A(:\n    pass\n"
    with pytest.raises(SyntaxError) as whole:
        ast.parse(source, filename="mod.py")
    assert summarize_source(source, "mod.py", "pkg").error == f"cannot parse: SyntaxError: {whole.value}"


def test_an_error_inside_a_blanked_body_is_not_seen():
    """Documented (README, outline.py): the module is read from its top level."""
    for source in (b"def f():\n    return )\n\n\nX = 1\n", b"class A:\n    y = )\n\n\nX = 1\n"):
        summary = summarize_source(source, "mod.py", "pkg")
        assert not summary.error and "X" in summary.names


def test_standard_library():
    outlined = total = 0
    for package in ("asyncio", "email", "json", "logging", "concurrent", "http", "tomllib", "wsgiref", "zoneinfo"):
        for source in stdlib_sources(package):
            total += 1
            outlined += same(source, os.path.join(STDLIB, package, "mod.py"))
    assert outlined > total // 8  # the property is asked of outlines, not only of whole texts


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_generated_source(text):
    source = text.encode("utf-8", "surrogatepass")
    same(source)
    short = outline(source, BODY_WORDS)
    if short is not None:
        assert short.count(b"\n") == source.count(b"\n")


def test_a_misread_body_that_still_parses_is_not_used():
    """`\"\"\"` in a comment makes the count of triple quotes even while the body's string runs
    on at column 0: the outline would end the body there and read the rest as code and a string."""
    source = (b'def f():\n    # a comment with """\n    x = """\nB = 1\n"""\n    return x\n\n\n'
              b'def g():\n    return 2\n\n\nC = """\n"""\n\n\nclass D:\n    pass\n\n\nE = 1  # """\n')
    short = outline(source, BODY_WORDS)
    assert short is not None and short is not source
    misread = ast.parse(short)  # the outline parses, and lost class D inside a string
    assert "D" not in {getattr(node, "name", "") for node in misread.body}
    assert not holds_top_level(source, misread)
    assert same(source) is True  # the outline exists, but the summary is the whole text's
    assert "D" in summarize_source(source, "mod.py", "pkg").names


def test_the_top_level_of_a_good_outline_is_held():
    source = BODY.encode()
    assert holds_top_level(source, ast.parse(outline(source, BODY_WORDS) or b""))
