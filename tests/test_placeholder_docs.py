"""The README's IMG2xx sections: each bad example, run by a real flake8 in a copy of the demo
project, prints exactly the line shown under it. (test_docs.py checks the code table, each
section's "Why it matters", and that bad examples give their code and good examples are silent.)"""
from __future__ import annotations

import re

from flake8_importguard.codes import CODES
from support import DEMO, readme

BAD = re.compile(r"<!-- bad (IMG2\d\d) -->\s*```python\n(.*?)```\s*```\n(.*?)```", re.S)


def test_bad_examples_print_the_lines_shown(flake8_path, project_copy):
    examples = BAD.findall(readme())
    assert sorted(code for code, _, _ in examples) == sorted(c for c in CODES if c.startswith("IMG2"))
    expected: dict[str, list[str]] = {}
    for code, source, shown in examples:
        project = project_copy(flake8_path, DEMO, name=code.lower())
        lines = shown.strip().splitlines()
        relative = lines[0].split(":", 1)[0]
        (project / relative).write_text(source)
        expected[f"./{code.lower()}/{relative}"] = [f"./{code.lower()}/{line}" for line in lines]
    result = flake8_path.run_flake8(["--select=IMG2"])
    assert result.err_lines == []
    got: dict[str, list[str]] = {path: [] for path in expected}
    for line in result.out_lines:
        path = line.split(":", 1)[0]
        if path in got:  # the demo's own placeholder file speaks for itself
            got[path].append(line)
    assert got == expected
