"""Which reads of a name a module makes as it runs surely raise NameError (runtime.unbound_reads),
read from real source through the summarizer; tests/projects/module_reads holds the project CPython
judges (IMG105 through such a read, and the traps that stay silent)."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest

from flake8_importguard.index.summary import summarize_source
from support import TIMEOUT

READS = {  # source -> [name, line] of the first read of each name that surely fails
    "class User(Base):\n    pass": [["Base", 1]],
    "@register\nclass Plugin:\n    pass": [["register", 1]],
    "def f(x=DEFAULT):\n    pass": [["DEFAULT", 1]],
    "X = f(\n    a,\n    b)": [["f", 1], ["a", 2], ["b", 3]],
    "x.y = 1": [["x", 1]],
    "X = Y\nZ = Y": [["Y", 1]],  # the first read of each name
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from m import T\nX = T": [["T", 4]],
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n    X = T": [["T", 5]],
    "with ctx():\n    X = inside": [["ctx", 1]],
    "for item in items:\n    X = inside": [["items", 1]],
    "X = [y for y in source if cond]": [["source", 1]],
    "X = a < b < c": [["a", 1], ["b", 1]],  # in line order, then by name
    "X = first or second": [["first", 1]],
    "X = f'{value}'": [["value", 1]],
    "class A:\n    x = 1\n    y = x + z": [["z", 3]],
    "class A(Y):\n    z = Y": [["Y", 1]],  # the first line it is read on (the base, before the body)
    "import sys\nX = sys.argv": [],
    "X = len([])\nY = ExceptionGroup\nZ = aiter\nW = WindowsError": [],  # builtins, of any version or platform
    "X = __file__, __name__, __doc__, __spec__": [],
    "X = _('text')": [],  # gettext.install puts `_` in the builtins
    "from m import *\nX = anything": [["anything", 2]],  # kept: the resolver leaves such a module alone
    "def f():\n    return inside": [],
    "def f(x: Annotated) -> Returned:\n    pass": [],
    "X: Annotated = 1": [],
    "f = lambda: inside": [],
    "try:\n    X = inside\nexcept NameError:\n    X = 1": [],
    "if cond():\n    X = inside": [["cond", 1]],
    "while more():\n    X = inside": [["more", 1]],
    "X = a if b else c": [["b", 1]],
    "X = [inside for _ in ()]": [],
    "X = (inside for _ in range(2))": [],
    "def setup():\n    global LATE\n    LATE = 1\nsetup()\nX = LATE": [],
    "def f():\n    local = 1\nX = local": [],  # bound somewhere (a whole text is read): left alone
    "if (w := 1):\n    pass\nX = w": [],
    "import a.b\nX = a.b": [],
    "class M(metaclass=P):\n    value = magic": [["P", 1]],  # a __prepare__ may fill the body's namespace
    "class A:\n    def f(self):\n        pass\n    g = f": [],
}


@pytest.mark.parametrize("source", READS)
def test_reads_that_surely_raise_name_error(source):
    summary = summarize_source(source.encode(), "pkg/__init__.py", "pkg")  # a text never outlined
    assert summary.unbound == READS[source]


def test_an_outline_loses_only_what_binds_nothing_in_the_module():
    """A module read from its outline (bodies blanked: outline.py) does not see a function's
    locals, which bind nothing in the module (CPython fails there too), nor a blanked class
    body's reads (a miss, never an alarm)."""
    source = b"def f():\n    local = 1\n\n\nclass A:\n    y = inside\n\n\nX = local\n"
    assert summarize_source(source, "mod.py", "").unbound == [["local", 9]]


def test_a_stub_reads_nothing():
    assert summarize_source(b"class User(Base): ...\n", "mod.pyi", "").unbound == []


@pytest.mark.process  # pytest, in a process per test module, is the judge
def test_the_modules_pytest_cannot_collect_are_those_the_report_counts(tmp_path, project_copy, run_importguard):
    """tests/projects/module_reads, as `pytest --collect-only FILE` sees each test module: one whose
    own module-level read raises NameError (IMG107), one that imports a module or a test helper
    whose read does (IMG105; a helper is no test module: no IMG107 of its own), one under a
    conftest whose read does (the conftest's IMG107 blocks it) do not collect; the traps do. The
    report's uncollectable modules are exactly those (and the conftest)."""
    root = project_copy(tmp_path, "module_reads")
    report = json.loads(run_importguard(root, "report", "tests", "--no-cache", "--format=json").stdout)
    ours = {item["path"] for item in report["uncollectable"]["list"]}
    assert report["broken_by_repair"]["import added"] == 5  # one module defines each, or is it: the fix adds its import
    assert report["broken_by_repair"]["stub only"] == 0  # no name here is one --stub writes
    modules = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, files in os.walk(root / "tests")
                     for f in files if f.startswith("test_") and f.endswith(".py"))
    failed = set()
    for path in modules:
        proc = subprocess.run([sys.executable, "-B", "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                               "-p", "no:importguard", path], cwd=root, capture_output=True, text=True, timeout=TIMEOUT)
        if proc.returncode != 0:
            failed.add(path)
    assert failed == {"tests/test_reads.py", "tests/own/test_gone.py", "tests/own/test_renamed.py",
                      "tests/own/test_no_imports.py", "tests/own/test_helper.py", "tests/own/test_modules_gone.py",
                      "tests/blocked/test_under.py"}
    assert ours == failed | {"tests/blocked/conftest.py"}


FIXED = {  # the file -> the import the fix adds, as the file shows it after
    "tests/own/test_gone.py": "import unittest\n\nfrom shop.registry import register\n\n\n@register",
    "tests/own/test_renamed.py": "from shop.pkg.sub import helper as make_helper, helper\n",
    "tests/own/test_no_imports.py": '"""The import of `register` was the file\'s only one."""\n'
                                    "from shop.registry import register\n\n\n# registered as the module is imported\n",
    # a module of the standard library and an installed one, each in its isort section
    "tests/own/test_modules_gone.py": "reads both.\"\"\"\nimport os\n\nimport pytest\n\n"
                                      "from shop.registry import REGISTERED\n\nROOT",
}


@pytest.mark.process  # pytest, in a process per test module, is the judge
def test_the_fix_adds_the_import_and_the_module_collects(tmp_path, project_copy, run_importguard, run_flake8):
    """`--fix` adds the import of an unbound name that one module defines to the file's import
    block (two blank lines before a def or class that follows a first import), or of the module
    the name is (`import os`, `import pytest`), the file parses,
    flake8 is as content with it as before, pytest collects it, and a second run changes nothing."""
    root = project_copy(tmp_path, "module_reads")
    run_importguard(root, "--fix", "--no-cache", *FIXED)
    for path, shown in FIXED.items():
        text = (root / path).read_text()
        assert shown in text, text
        ast.parse(text)
        proc = subprocess.run([sys.executable, "-B", "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                               "-p", "no:importguard", path], cwd=root, capture_output=True, text=True, timeout=TIMEOUT)
        assert proc.returncode == 0, proc.stdout
    assert run_flake8(root, "--select=E,W,F,IMG107", "--max-line-length=200", *FIXED).stdout == ""
    before = {path: (root / path).read_bytes() for path in FIXED}
    run_importguard(root, "--fix", "--no-cache", *FIXED)
    assert {path: (root / path).read_bytes() for path in FIXED} == before
