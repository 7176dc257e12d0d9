"""The simulation of a fresh `pytest FILE` puts a module that cannot fail in sys.modules by its
plan (analysis/fresh.py's `_plan`) instead of replaying its statements: the outcome of every
import must be the one the replay gives, over generated projects (cycles, failed parents that
leave submodules behind, star imports, try blocks, maybe-imports) and the fixture projects."""
from __future__ import annotations

import ast
import os

import pytest

from flake8_importguard.analysis.fresh import Fresh
from flake8_importguard.base.config import Settings
from flake8_importguard.lint.context import Context
from flake8_importguard.run.session import Session
from generated import generate
from support import PROJECTS, write_tree


def outcomes(root: str, test_file: str, plans: bool) -> dict:
    path = os.path.join(root, test_file)
    project = Session().project_for(path, Settings())
    project.fresh = Fresh(project.layout, project.finder, project.store, project.resolver, plans=plans)
    with open(path, "rb") as f:
        found = Context(path, ast.parse(f.read()), project).fresh
    return {line: None if failed is None else (failed.cause, failed.rescue, failed.module)
            for line, failed in found.items()}


def test_plans_give_the_replay_outcome_on_generated_projects(tmp_path):
    for seed in range(40, 100):  # seed 68: a failed package leaves a submodule behind without it
        project = generate(seed)
        root = write_tree(str(tmp_path / f"s{seed}"), project.files)
        assert outcomes(root, project.test_file, True) == outcomes(root, project.test_file, False), seed


@pytest.mark.parametrize("name", ["fresh_imports", "fresh_conftest", "chains", "trap_chains"])
def test_plans_give_the_replay_outcome_on_the_fixtures(name):
    root = os.path.join(PROJECTS, name)
    tests = sorted(os.path.relpath(os.path.join(folder, f), root) for folder, _, files in os.walk(root)
                   for f in files if f.startswith("test_") and f.endswith(".py"))
    assert tests
    for test in tests:
        assert outcomes(root, test, True) == outcomes(root, test, False), test


def test_a_plan_stands_in_for_a_module_that_cannot_fail(tmp_path):
    """The shortcut is taken (the property above is about something): a module whose imports all
    work has a plan, in the order a run from an empty sys.modules puts its modules there; one
    that reaches a missing module, or comes back to itself, has none."""
    root = write_tree(str(tmp_path), {
        "pyproject.toml": "", "app/__init__.py": "", "tests/test_a.py": "import app.top\n",
        "app/top.py": "from app.mid import B\nimport app.leaf\n",
        "app/mid.py": "from app.leaf import C\nB = C\n", "app/leaf.py": "C = 1\n",
        "app/broken.py": "from app.gone import X\n",
        "app/cyc_a.py": "from app import cyc_b\n", "app/cyc_b.py": "from app import cyc_a\n",
    })
    project = Session().project_for(os.path.join(root, "tests", "test_a.py"), Settings())
    search = project.layout.fresh_search(os.path.join(root, "tests", "test_a.py"))
    plan = project.fresh._plan("app.top", search)
    assert plan is not None and plan.order == ("app.top", "app.mid", "app.leaf") and plan.packages == ("app",)
    assert project.fresh._plan("app.broken", search) is None
    assert project.fresh._plan("app.cyc_a", search) is None
