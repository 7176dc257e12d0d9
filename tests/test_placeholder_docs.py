"""The README's code sections: each bad example of a code for test files, run by a real flake8 in a
copy of the demo project, prints exactly the line shown under it. (test_docs.py checks the code table, each
section's "Why it matters", and that bad examples give their code and good examples are silent.)"""
from __future__ import annotations

import re

from flake8_importguard.base.codes import CODES, Family, render
from support import DEMO, check, readme

BAD = re.compile(r"<!-- bad (IMG\d{3}) -->\s*```python\n(.*?)```\s*```\n(.*?)```", re.S)
PRINTED = [c for c, entry in CODES.items() if entry.family is not Family.STUB]  # bad example: a test file (a stub's
# is a module)


def test_bad_examples_print_the_lines_shown(flake8_path, project_copy):
    examples = [example for example in BAD.findall(readme()) if example[0] in PRINTED]
    assert sorted(code for code, _, _ in examples) == sorted(PRINTED)
    expected: dict[str, list[str]] = {}
    for code, source, shown in examples:
        project = project_copy(flake8_path, DEMO, name=code.lower())
        lines = shown.strip().splitlines()
        relative = lines[0].split(":", 1)[0]
        (project / relative).write_text(source)
        expected[f"./{code.lower()}/{relative}"] = [f"./{code.lower()}/{line}" for line in lines]
    result = flake8_path.run_flake8(["--select=" + ",".join(PRINTED)])
    assert result.err_lines == []
    got: dict[str, list[str]] = {path: [] for path in expected}
    for line in result.out_lines:
        path = line.split(":", 1)[0]
        if path in got:  # the demo's own placeholder file speaks for itself
            got[path].append(line)
    assert got == expected


def test_the_where_to_patch_line(tmp_path, project_copy):
    """IMG401's section shows the message for a name that another module imports."""
    shown = next(line for line in readme().splitlines() if "imported by 'app.api.users'" in line)
    path, line, col, message = shown.split(":", 3)
    project = project_copy(tmp_path, DEMO)
    source = 'from unittest.mock import patch\n\n\n@patch("app.db.postgres.get_primary_db")\ndef test():\n    pass\n'
    findings = check(source, str(project / path))
    assert [f"{f.line}:{f.col + 1}: {render(f)}" for f in findings] == [f"{line}:{col}:{message}"]
