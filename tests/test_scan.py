"""The text pass (scan.py) proposes a superset: every name a module binds at module level,
imports, or sets on another module is one of its words, over generated source of every form
(hypothesmith, and the differential generator's projects) and the traps written here."""
from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from flake8_importguard.index.scan import ANY, WRITTEN, may_write, words
from flake8_importguard.index.suite import imports_of
from flake8_importguard.index.summary import summarize_tree
from generated import generate

GENERATED = hypothesmith.from_grammar()


def missed(source: bytes) -> set[str]:
    """What the module binds, imports or sets elsewhere, and its words do not hold (and
    "may_write" when may_write says no although it writes)."""
    tree = ast.parse(source)
    summary = summarize_tree(tree, "pkg")  # without the text: nothing skipped
    if summary.writes and not may_write(source):
        return {"may_write"}
    found = words(source)
    if found is None:
        return set()  # proposes every name
    wanted = set(summary.names) | set(summary.type_checking)
    wanted |= {name for _, names in imports_of(tree, "pkg") for name in names}
    wanted |= {WRITTEN + name if name != "*" else ANY for _, name in summary.writes}  # who sets a name reads these
    if any(WRITTEN + name not in found for _, name in summary.writes) and ANY in found:
        wanted -= {WRITTEN + name for _, name in summary.writes}  # a computed or literal setattr name: ANY covers it
    return wanted - found


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(GENERATED, st.booleans())
def test_words_cover_generated_source(text, crlf):
    source = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8", "surrogatepass")
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return
    assert not missed(source)


@pytest.mark.parametrize("seed", range(40))
def test_words_cover_generated_projects(seed):
    for path, text in generate(seed).files.items():
        if path.endswith(".py"):
            assert not missed(text.encode()), path


TRAPS = {
    "after a body": "def f():\n    pass\nX = 1\nclass C:\n    y = 2\nZ = 3\n",
    "semicolons": "def f(): pass; Y = 1\nimport os; A = 1; B = 2\n",
    "parenthesized target": "import app\n(app).flag = 1\n(app.models).other = 2\n",
    "continued target": "import app\napp \\\n  .flag = 1\n",
    "annotated attribute": "import app\napp.flag: int = 1\n",
    "augmented attribute": "import app\napp.count += 1\n",
    "setattr with a literal": "import app\nsetattr(app, 'flag', 1)\n",
    "setattr across lines": "import app\nsetattr(\n    (app), name(), 1)\n",
    "import in parentheses": "from app import (\n    a,  # see (b)\n    c as d,\n)\n",
    "import continued": "from app import a, \\\n    b\n",
    "global in a function": "def f():\n    global G, H\n    G = H = 1\n",
    "walrus": "if (n := 10) > 5:\n    [m := i for i in range(3)]\n",
    "nested definitions": ("if True:\n    def g():\n        pass\n    class K:\n        pass\n"
                           "try:\n    import x\nexcept ImportError:\n    x = None\n"),
    "decorated": "@decorator\nclass D:\n    pass\n\n\n@decorator(arg)\ndef e():\n    pass\n",
    "docstring at column 0": 'def f():\n    """\nnot code\n"""\n    return 1\nW = 2\n',
    "form feed": "def f():\n    pass\n\x0cV = 1\n",
    "non-ASCII": "caf\u00e9 = 1\nna\u00efve, \u00fcber = 2, 3\n\uff21\uff22 = 4\n",
    "match": "match x:\n    case [a, *rest]:\n        pass\n    case {'k': v, **kw}:\n        pass\n",
    "type alias": "type Alias = list[int]\n",
    "for and with": "for i, (j, k) in []:\n    pass\nwith a as (b, c):\n    pass\n",
    "self imported": "import self\nself.flag = 1\n",
    "parenthesized, spaced": "import app\n(app) .flag = 1\n",
    "written in a chain": "from app import config as c\nc.sub.deeper.flag = 1\n",
    "written, non-ASCII": "import app\napp.caf\u00e9 = 1\napp.\uff21 += 1\n",
    "written in a function": "import app\n\n\ndef f():\n    app.flag = 1\n",
}


@pytest.mark.parametrize("trap", list(TRAPS))
def test_words_cover_the_traps(trap):
    source = TRAPS[trap].encode("utf-8")
    try:
        ast.parse(source)
    except SyntaxError:
        pytest.skip("this Python does not parse it")
    assert not missed(source)


def test_bodies_are_left_out():
    """The point of the text pass: a name only used inside functions and classes is no word."""
    source = b"import os\n\n\ndef f():\n    local_only = 1\n    self.attr_only = 2\n\n\nclass C:\n    member = 3\n"
    assert {"local_only", "attr_only", "member"}.isdisjoint(words(source))
    assert {"os", "f", "C"} <= words(source)


def test_only_a_name_set_on_something_is_written():
    """A name imported or bound is no name the module may set elsewhere (scan.WRITTEN)."""
    found = words(b"from app import Flag\nimport app\nOther = 1\napp.config.level = 2\n")
    assert {"Flag", "Other", "level", WRITTEN + "level"} <= found
    assert {WRITTEN + "Flag", WRITTEN + "Other", WRITTEN + "config"}.isdisjoint(found)


def test_other_encodings_propose_every_name():
    assert words("# -*- coding: latin-1 -*-\nnom = 'caf\u00e9'\n".encode("latin-1")) is None
