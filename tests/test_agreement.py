"""The plugin, the command, the pre-commit hook and the editor give identical findings on one
configured fixture project (tests/projects/configured: options in setup.cfg and pyproject.toml)."""
from __future__ import annotations

import os
import re

import pytest

from support import GIT_USER

FINDING = re.compile(r"^(?:\./)?(\S+?):(\d+):(\d+): (IMG\d{3} .*)$")


def findings(output: str) -> list[tuple[str, ...]]:
    return sorted(m.groups() for m in map(FINDING.match, output.splitlines()) if m)


@pytest.fixture
def project(tmp_path, project_copy):
    return project_copy(tmp_path, "configured")


def plugin_command_editor(root, run_flake8, run_importguard):
    plugin = findings(run_flake8(root, "--select=IMG", ".", script=True).stdout)
    command = findings(run_importguard(root, ".", script=True).stdout)
    editor = []
    for dirpath, _, files in os.walk(root):
        for name in (f for f in files if f.endswith(".py")):
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                source = f.read()
            editor += findings(run_flake8(root, "--select=IMG", "--stdin-display-name", rel, "-", stdin=source,
                                          script=True).stdout)
    return plugin, command, sorted(editor)


def test_plugin_command_and_editor_agree(project, run_flake8, run_importguard):
    plugin, command, editor = plugin_command_editor(project, run_flake8, run_importguard)
    assert plugin == command == editor
    assert {path for path, *_ in plugin} == {"checks/verify_models.py", "checks/test_sessions.py"}
    assert len(plugin) == 3


@pytest.mark.slow
@pytest.mark.process
def test_the_hook_agrees_too(project, run_flake8, run_importguard, run_command, run_hook):
    plugin, command, editor = plugin_command_editor(project, run_flake8, run_importguard)
    for args in (["init", "-q"], ["add", "-A"]):
        assert run_command(["git", *args], project, env=GIT_USER).returncode == 0
    hook = run_hook("importguard", project)  # as try-repo runs it
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert findings(hook.stdout) == plugin == command == editor
