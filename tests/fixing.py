"""Helpers for the fixer's end-to-end tests: a fixture project copied to a temporary directory,
the real `importguard` command run in a subprocess, and CPython asked whether a module imports."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECTS

ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def project_copy(tmp_path: Path, scenario: str = "fixes") -> Path:
    target = tmp_path / scenario
    shutil.copytree(os.path.join(PROJECTS, scenario), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def importguard(cwd: Path, *args: str, stdin: bytes | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8_importguard", *args], cwd=cwd, input=stdin,
                          capture_output=True, env={**ENV, **env}, timeout=120)


def python(cwd: Path, code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, ''); {code}"], cwd=cwd,
                          capture_output=True, text=True, env=ENV, timeout=120)


def imports(cwd: Path, module: str) -> bool:
    return python(cwd, f"import {module}").returncode == 0


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project (the index cache, which the tool writes on purpose, left out)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".importguard_cache" not in p.parts}
