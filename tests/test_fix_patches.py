"""`importguard --fix` on stale patch targets (IMG401) and missing module attributes (IMG103):
the real command on a copy of tests/projects/patch_fixes, and pytest proving that the fixed
tests pass where they failed before."""
from __future__ import annotations

import sys

import pytest

from flake8_importguard.base.model import Finding, Fix, FixKind, NotFixed
from flake8_importguard.fix import fixer
from support import fix

FIXABLE = "tests/test_fix_targets.py"
LEFT_ALONE = "tests/test_fix_left_alone.py"


@pytest.mark.process  # pytest, in a process, runs the fixed tests
def test_the_fixed_tests_pass(tmp_path, project_copy, run_importguard, run_command):
    root = project_copy(tmp_path, "patch_fixes")
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", FIXABLE]
    before = run_command(pytest, root)
    assert before.returncode == 1 and "4 failed" in before.stdout, before.stdout
    result = run_importguard(root, "--fix", FIXABLE)
    assert (result.returncode, result.stderr, result.stdout) == (1, f"Rewriting {FIXABLE}\n", "")
    after = run_command(pytest, root)
    assert after.returncode == 0 and "4 passed" in after.stdout, after.stdout
    again = run_importguard(root, "--fix", FIXABLE)
    assert (again.returncode, again.stderr, again.stdout) == (0, "", "")


def test_each_rewrite_keeps_the_line(tmp_path, project_copy, run_importguard):
    root = project_copy(tmp_path, "patch_fixes")
    original = (root / FIXABLE).read_text().splitlines()
    run_importguard(root, "--fix", FIXABLE)
    fixed = (root / FIXABLE).read_text().splitlines()
    changed = {i + 1: (old, new) for i, (old, new) in enumerate(zip(original, fixed)) if old != new}
    assert {line: new for line, (_, new) in changed.items()} == {
        9: '@patch("app.db.replicas.get_replica_db")'
           '  # IMG401 "\'get_replica_db\' is defined in \'app.db.replicas\'"',
        14: "@patch('app.services.billing.charge')  # IMG401 \"did you mean 'charge'?\"",
        20: '    with patch.object(Invoice, "send") as send:  # IMG401 "did you mean \'send\'?"',
        25: "    assert user.Session is user.Session  # IMG103 IMG103 \"did you mean 'Session'?\"",
        26: "    assert models_agent.Thread is models_agent.Thread"
            "  # IMG103 \"'Thread' is defined in 'app.db.models_agent'\"",
    }
    assert len(fixed) == len(original)


def test_uncertain_repairs_are_explained_and_left_alone(tmp_path, project_copy, run_importguard):
    root = project_copy(tmp_path, "patch_fixes")
    before = (root / LEFT_ALONE).read_bytes()
    result = run_importguard(root, "--fix", LEFT_ALONE)
    assert (root / LEFT_ALONE).read_bytes() == before
    notes = [line.rpartition(" [")[2] for line in result.stdout.splitlines()]
    assert notes == [
        "not fixed: other modules import it too; patch it where the code under test looks it up]",
        "not fixed: no single candidate is convincing]",
        "not fixed: the file does not import the module where it lives]",
        "not fixed: the candidate differs by more than a typo or added or dropped words]",
        "not fixed: the candidate differs by more than a typo or added or dropped words]",
    ]


def test_a_fix_keeps_quotes_and_prefixes_and_rewrites_every_match_on_its_line():
    source = b"patch(u'app.m.f'); patch('app.m.f')\npatch('app.m.f')\nx = (app.m . f).g + app.m.f\n"
    findings = [
        Finding("IMG401", 1, 6, fix=Fix(FixKind.PATCH_TARGET, 1, "app.m.f", target_name="app.n.f", certain=True)),
        Finding("IMG103", 3, 5, fix=Fix(FixKind.ATTRIBUTE, 3, "app.m.f", target_name="app.n.f", certain=True)),
    ]
    result = fixer.apply(source, findings)
    assert result.source == b"patch(u'app.n.f'); patch('app.n.f')\npatch('app.m.f')\nx = (app.n.f).g + app.n.f\n"
    assert len(result.applied) == 2


def test_a_literal_the_fixer_cannot_spell_is_not_touched():
    source = b"patch('app.m' '.f')\npatch(r'app.m.f')\npatch(f'app.m.f')\n"
    findings = [Finding("IMG401", line, 6, fix=Fix(FixKind.PATCH_TARGET, line, "app.m.f", target_name="app.n.f",
                                                   certain=True)) for line in (1, 2, 3)]
    result = fixer.apply(source, findings)
    assert result.source == source
    assert [reason for _, reason in result.skipped] == [NotFixed.NOT_FOUND] * 3


def test_an_attribute_fix_that_empties_an_import_drops_it(tmp_path, write_tree):
    root = write_tree(tmp_path, {
        "pyproject.toml": "", "app/__init__.py": "", "app/old.py": "", "app/new.py": "class Thread:\n    pass\n",
        "tests/__init__.py": "",
    })
    source = b"from app import new, old\n\n\ndef test():\n    assert old.Thread\n"
    outcome = fix(source, str(root / "tests/test_it.py"))
    assert outcome.fixed == b"from app import new\n\n\ndef test():\n    assert new.Thread\n"
    assert outcome.remaining == []
