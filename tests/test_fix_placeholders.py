"""Placeholders replaced by the real import, end to end: the fixed test module imports the
project's own classes. The fixture is tests/projects/fixes/tests/test_placeholders.py (a mock, a
generic alias and a swallowed ImportError standing in for code that exists); what the fix writes
into it (the real imports, the imports only the placeholders used gone) is its snapshot beside it,
checked by test_fix_snapshots.py."""
from __future__ import annotations

from support import check

PLACEHOLDERS = "tests/test_placeholders.py"


def test_placeholders_become_real_imports(tmp_path, run_importguard, imports, run_python, project_copy):
    root = project_copy(tmp_path)
    path = root / PLACEHOLDERS
    assert imports(root, "tests.test_placeholders")  # it "works": against mocks
    assert {f.code for f in check(path.read_bytes(), str(path))} >= {"IMG201", "IMG203", "IMG204"}
    result = run_importguard(root, "--fix", PLACEHOLDERS)
    assert (result.stdout, result.stderr) == ("", f"Rewriting {PLACEHOLDERS}\n")
    imported = run_python(root, "import tests.test_placeholders as t, app.db.models_agent as m, app.agents.runs as r; "
                                "import tests.helpers.flows as h; "
                                "assert t.Thread is m.Thread and t.Agent is r.Agent "
                                "and t.UserFlowTestBase is h.UserFlowTestBase")
    assert imported.returncode == 0, imported.stderr
    assert check(path.read_bytes(), str(path)) == []
