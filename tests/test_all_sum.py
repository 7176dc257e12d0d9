"""A computed `__all__` that is a sum of other modules' `__all__` and literal lists
(`__all__ = _starred.__all__ + ["x"]`) is read from the summaries, without astroid; what it
gives must be what astroid's inference gives, and any other form still goes to astroid."""
from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

from flake8_importguard.base.config import Settings
from flake8_importguard.index.finder import ModuleLoc
from flake8_importguard.index.snapshot import Section
from flake8_importguard.index.summary import all_sum
from flake8_importguard.run.session import Session
from support import write_tree


@pytest.mark.parametrize("source, expected", [
    ("__all__ = base.__all__ + ['A']", (["base"], ["A"])),
    ("__all__ = base.__all__", (["base"], [])),
    ("__all__ = ('A',) + a.__all__ + b.__all__", (["a", "b"], ["A"])),
    ("__all__ = [*a.__all__, 'B']", (["a"], ["B"])),
    ("__all__ = ['A'] + ['B']", None),  # nothing borrowed: the literal form's business
    ("__all__ = a.__all__.copy()", None),  # a call
    ("__all__ = a.__all__ + names", None),  # a variable
    ("__all__ = a.__all__\n__all__ += b.__all__", None),  # bound twice
    ("__all__ = a.__all__\ndef f():\n    global __all__\n    __all__ = []", None),
    ("if x:\n    __all__ = a.__all__", None),  # not at the top level
    ("__all__ = b.a.__all__", None),  # an attribute of an attribute
    ("__all__ = a.__all__\nfrom b import __all__", None),  # bound again, by an import
])
def test_the_forms_read_as_a_sum(source, expected):
    assert all_sum(ast.parse(source)) == expected


def imported_all(root: str, module: str) -> list[str]:
    """What CPython's `module.__all__` holds, imported for real in a process of its own."""
    code = f"import importlib; print(' '.join(importlib.import_module({module!r}).__all__))"
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                          check=True).stdout.split()


def project_of(root: str):
    return Session().project_for(os.path.join(root, "tests", "test_a.py"), Settings())


# Old enough files (conftest.aged, written with every module's before the session's one wait).
SUMS = {
    "pyproject.toml": "", "tests/test_a.py": "from app import *\n",
    "app/__init__.py": "from . import api as _starred\nfrom app.api import *\n"
                       "__all__ = _starred.__all__ + ['top']\ntop = 1\n",
    "app/api.py": "from app.base import *\n__all__ = ['Api', 'Base']\nApi = 1\n__all__.append('Extra')\n",
    "app/starred.py": "from app import base\n__all__ = [*base.__all__, 'S']\nS = 1\n",  # astroid cannot
    "app/base.py": "__all__ = ['Base']\nBase = 1\nExtra = 2\n__all__.append('Extra')\n",
    "app/other.py": "from app import base\n__all__ = base.__all__.copy()\n",  # astroid's
    # astroid does not follow a package's absolute import of its own submodule (unknown there)
    "own/__init__.py": "from own import api as _api\n__all__ = _api.__all__ + ['x']\nx = 1\n",
    "own/api.py": "__all__ = ['A']\nA = 1\n",
}
AGED = {"sums": (SUMS, 1)}


def test_a_sum_is_answered_from_the_summaries_as_astroid_answers_it(aged):
    """Old enough files: what astroid infers is kept in the index, and shows that it was asked."""
    root = aged("sums")
    project = project_of(root)
    package = ModuleLoc.of_file("app", os.path.join(root, "app", "__init__.py"))
    assert project.resolver.all_names(package) == {"top", "Api", "Base", "Extra"}
    assert not project.cache.snapshot.entries(Section.INFERRED_ALL)  # astroid was not asked
    inferred, _ = project.resolver.inference.infer_all(package, project.resolver.all_names)
    assert set(inferred or ()) == {"top", "Api", "Base", "Extra"}
    starred = ModuleLoc.of_file("app.starred", os.path.join(root, "app", "starred.py"))
    assert project.resolver.all_names(starred) == set(imported_all(root, "app.starred")) == {"Base", "Extra", "S"}
    assert set(imported_all(root, "app")) == {"top", "Api", "Base", "Extra"}
    own = ModuleLoc.of_file("own", os.path.join(root, "own", "__init__.py"))
    assert project.resolver.all_names(own) == set(imported_all(root, "own")) == {"A", "x"}
    other = ModuleLoc.of_file("app.other", os.path.join(root, "app", "other.py"))
    assert project.resolver.all_names(other) == {"Base", "Extra"}
    assert list(project.cache.snapshot.entries(Section.INFERRED_ALL)) == [os.path.join("app", "other.py")]


def test_a_sum_borrowing_a_module_without_all_is_unknown(tmp_path):
    """`base.__all__` where `base` has none raises AttributeError: nobody can list it."""
    root = str(write_tree(tmp_path, {
        "pyproject.toml": "", "tests/test_a.py": "from app import *\n",
        "app/__init__.py": "from app import base\n__all__ = base.__all__ + ['top']\ntop = 1\n",
        "app/base.py": "Base = 1\n",
    }))
    project = project_of(root)
    assert project.resolver.all_names(ModuleLoc.of_file("app", os.path.join(root, "app", "__init__.py"))) is None
