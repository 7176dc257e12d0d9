"""IMG204 around first-party code that needs only packages the project requires, whichever way
its packaging declares them; optional extras, groups and requirements with markers stay silent."""
from __future__ import annotations

import pytest

from support import check

TEST = "try:\n    from app.lint import version\nexcept ImportError:\n    version = None\n"
APP = {"app/__init__.py": "", "app/lint.py": "import flake8\n\nversion = flake8.__version__\n", "tests/__init__.py": ""}

REQUIRED = {
    "pyproject": {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["flake8>=6"]\n'},
    "setup.cfg": {"setup.cfg": "[metadata]\nname = x\n\n[options]\ninstall_requires =\n    astroid\n    flake8>=6\n"},
    "setup.py": {"setup.py": "from setuptools import setup\n\nsetup(name='x', install_requires=['flake8'])\n"},
    "poetry": {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.10"\nflake8 = "^6"\n'},
}
OPTIONAL = {
    "extra": {"pyproject.toml": '[project]\nname = "x"\n\n[project.optional-dependencies]\nlint = ["flake8"]\n'},
    "marker": {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["flake8; python_version >= \'3.8\'"]\n'},
    "poetry-optional": {"pyproject.toml": '[tool.poetry.dependencies]\nflake8 = {version = "^6", optional = true}\n'},
    "undeclared": {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["astroid"]\n'},
}


@pytest.mark.parametrize("packaging", sorted(REQUIRED))
def test_a_required_package_cannot_excuse_the_guard(tmp_path, write_tree, packaging):
    root = write_tree(tmp_path, {**APP, **REQUIRED[packaging], "tests/test_lint.py": TEST})
    assert [f.code for f in check(TEST, str(root / "tests" / "test_lint.py"))] == ["IMG204"]


@pytest.mark.parametrize("packaging", sorted(OPTIONAL))
def test_an_optional_package_may(tmp_path, write_tree, packaging):
    root = write_tree(tmp_path, {**APP, **OPTIONAL[packaging], "tests/test_lint.py": TEST})
    assert check(TEST, str(root / "tests" / "test_lint.py")) == []
