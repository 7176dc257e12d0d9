"""Every diff in the README's fixer section is what the fixer does to the demo project."""
from __future__ import annotations

import re

import pytest

from flake8_importguard.base.config import Settings
from support import DEMO, check, fix, readme

SECTION = readme().split("\n## The fixer\n", 1)[1]
BLOCK = re.compile(r"<!-- (fix|fix placeholder|stub \S+) -->\s*```diff\n(.*?)```", re.S)
BLOCKS = BLOCK.findall(SECTION)


def sides(diff: str) -> tuple[str, str]:
    before, after = [], []
    for line in diff.splitlines():
        mark, text = line[:1], line[1:]
        if mark in (" ", ""):
            before.append(text)
            after.append(text)
        elif mark == "-":
            before.append(text)
        elif mark == "+":
            after.append(text)
    return "".join(f"{x}\n" for x in before), "".join(f"{x}\n" for x in after)


def test_the_section_shows_every_repair():
    assert [kind.split()[0] for kind, _ in BLOCKS].count("fix") >= 4
    assert any(kind == "fix placeholder" for kind, _ in BLOCKS)
    assert any(kind.startswith("stub") for kind, _ in BLOCKS)
    for flag in ("--fix", "--diff", "--stub", "--select", "--exit-zero", "--stdin-display-name"):
        assert f"`{flag}" in SECTION, flag


@pytest.mark.parametrize("kind,diff", BLOCKS, ids=[f"{i}-{k}" for i, (k, _) in enumerate(BLOCKS)])
def test_readme_diff(tmp_path, project_copy, run_importguard, kind, diff):
    project = project_copy(tmp_path, DEMO)
    if kind.startswith("stub"):
        result = run_importguard(project, "--stub", "--diff", kind.split()[1])
        assert result.stdout == diff
        return
    before, after = sides(diff)
    path = project / "tests" / "test_readme_fix.py"
    path.write_text(before)
    if kind == "fix placeholder":
        assert any(f.code.startswith("IMG2") for f in check(before, str(path), Settings()))
    assert fix(before.encode(), str(path), Settings()).fixed.decode() == after
