"""`importguard --fix` on stale patch targets (IMG401) and missing module attributes (IMG103):
the real command on a copy of tests/projects/patch_fixes, and pytest proving that the fixed
tests pass where they failed before. What the fix writes into each file of patch_fixes, and what
it leaves alone and why, is in the snapshot beside the file (test_fix_snapshots.py); the fixer's
own cases (quotes, prefixes, literals it cannot spell) are below."""
from __future__ import annotations

import sys

from flake8_importguard.base.model import Finding, Fix, FixKind, NotFixed
from flake8_importguard.fix import fixer

FIXABLE = "tests/test_fix_targets.py"


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
    """A patch target or attribute is rewritten in its line: only the lines with findings change,
    and no line is added or removed (the rewrites themselves are in the file's snapshot)."""
    root = project_copy(tmp_path, "patch_fixes")
    original = (root / FIXABLE).read_text().splitlines()
    found = {int(line.split(":")[1]) for line in run_importguard(root, FIXABLE).stdout.splitlines()}
    run_importguard(root, "--fix", FIXABLE)
    fixed = (root / FIXABLE).read_text().splitlines()
    assert len(fixed) == len(original)
    assert {i + 1 for i, (old, new) in enumerate(zip(original, fixed)) if old != new} == found
    assert len(found) == 5


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
