import os
import sys

import pytest

collect_ignore = ["canary"]  # a project whose every file must never run: not even its conftest.py
collect_ignore_glob = ["projects/*", "projects/**"]

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = os.path.join(HERE, "projects")


def pytest_configure(config):
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
