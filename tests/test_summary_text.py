"""The summarizer skips a walk of the tree when the module's text cannot hold what the walk
looks for (summary.py's trigger words, scan.may_write, runtime.import_steps' import lines): the
summary must be the one the walks give, over generated source of every form, the standard
library, and the traps written here."""
from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from flake8_importguard.index.summary import summarize_tree
from support import stdlib_sources

TRAPS = {
    "one-line function": "def f(): import os\nf()\n",
    "after a semicolon": "def f():\n    x = 1; import json\nf()\n",
    "across lines": "def f():\n    from os \\\n        import path\nf()\n",
    "in a docstring": '"""Helpers.\n\n    import sys\n"""\nimport os\n',
    "in a comment": "import os\n\n\ndef f():\n    # import sys here\n    return os\n",
    "by call": "import importlib\n\nmod = importlib.import_module('json')\n",
    "decorated": "def deco(f):\n    import json\n    return f\n\n\n@deco\ndef g():\n    pass\n",
    "type checking": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import json\n",
    "walrus and global": "if (n := 1):\n    pass\n\n\ndef f():\n    global g\n    g = 1\n",
}


def same(source: bytes) -> None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return
    for package in ("pkg.sub", ""):
        with_text = summarize_tree(tree, package, source=source)
        assert with_text == summarize_tree(tree, package), source
        assert with_text == summarize_tree(tree, package, source=source.decode("utf-8")), source


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_traps(name):
    same(TRAPS[name].encode())


def test_an_import_in_a_one_line_function_that_runs():
    tree = ast.parse(TRAPS["one-line function"])
    steps = summarize_tree(tree, "pkg", source=TRAPS["one-line function"]).steps
    assert steps == [["os", [], 1, "maybe"]]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_generated_source(text):
    same(text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("package", ["asyncio", "email", "importlib", "json", "unittest"])
def test_standard_library(package):
    for source in stdlib_sources(package):
        same(source)
