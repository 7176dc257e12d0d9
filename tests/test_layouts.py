"""Where setuptools finds the project's packages is where the tool looks for them: a `lib/` (or any)
directory named by pyproject's `packages.find.where` or `package-dir`, or setup.cfg's `package_dir`
or `[options.packages.find] where`, is a source root (ansible's `lib/`). Without one, `shop` is
not the project's (not found from the root) and nothing about it is said."""
from __future__ import annotations

import pytest

SHOP = {"lib/shop/__init__.py": "PRICE = 1\n", "tests/test_shop.py": "from shop import PRICE\nfrom shop import GONE\n"}
FOUND = "tests/test_shop.py:2:1: IMG102 'GONE' is not defined in 'shop'"


@pytest.mark.parametrize("config", [
    {"pyproject.toml": "[tool.setuptools.packages.find]\nwhere = [\"lib\"]\n"},
    {"pyproject.toml": "[tool.setuptools]\npackage-dir = {\"\" = \"lib\"}\n"},
    {"setup.cfg": "[options]\npackage_dir =\n    =lib\n"},
    {"setup.cfg": "[options]\npackages = find:\n\n[options.packages.find]\nwhere = lib\n"},
])
def test_the_packages_setuptools_finds_are_the_projects(tmp_path, write_tree, lint, config):
    root = write_tree(tmp_path, {**SHOP, "pyproject.toml": "", **config})
    assert FOUND in lint(root)


def test_without_a_package_directory_lib_is_not_searched(tmp_path, write_tree, lint):
    root = write_tree(tmp_path, {**SHOP, "pyproject.toml": "[tool.setuptools.packages.find]\nwhere = [\".\"]\n"})
    assert lint(root) == ""
