"""Bad input never hurts: each case gives a clear message (or, for a source module that cannot
be read, silence about the names it would have defined), never a traceback, a hang or a changed
file. Everything runs through the real front ends: flake8 with the plugin, and importguard."""
from __future__ import annotations

import os

from runs import assert_no_crash, flake8, importguard, snapshot, write_tree

CFG = {"setup.cfg": "[flake8]\nselect = IMG,E9\n", "app/__init__.py": ""}


def both(root: str, *paths: str, **kwargs):
    """flake8 and importguard over the same paths; neither may crash or change a file."""
    before = snapshot(root)
    runs = [flake8(root, *paths, **kwargs), importguard(root, *paths, **kwargs)]
    for proc in runs:
        assert_no_crash(proc)
    assert snapshot(root) == before
    return runs


def test_star_import_lattice_is_not_exponential(tmp_path):
    """Forty modules, each star-importing every one before it: 2**39 paths to a name, one answer."""
    files = dict(CFG)
    for i in range(40):
        files[f"app/m{i}.py"] = "".join(f"from app.m{j} import *\n" for j in range(i)) + f"v{i} = {i}\n"
    files["tests/test_lattice.py"] = "from app.m39 import v0, v39\nfrom app.m39 import nowhere\n"
    for proc in both(write_tree(str(tmp_path), files), "tests", timeout=120):
        assert proc.stdout.count("IMG102") == 1, proc.stdout
        assert "test_lattice.py:2:1: IMG102 'nowhere' is not defined in 'app.m39'" in proc.stdout
