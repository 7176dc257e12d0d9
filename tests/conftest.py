import os
import sys

import pytest

collect_ignore = ["canary"]  # a project whose every file must never run: not even its conftest.py
collect_ignore_glob = ["projects/*", "projects/**"]

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = os.path.join(HERE, "projects")


@pytest.fixture(autouse=True)
def _fresh_projects():
    """Each test reads projects from disk anew (files change between tests)."""
    from flake8_importguard.checker import forget_projects

    forget_projects()
    yield
    forget_projects()


def pytest_configure(config):
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
