"""Imports that replace module-level placeholders go where the project's other linters want them:
into the import block (no E402), joined with an import of the same module, wrapped in parentheses
to the configured line length. A fixed file passes the flake8 checks it passed before. The fixer's
own cases are below; the fixture tests/projects/fix_placement shows the same end to end, what the
fix writes there being the snapshot beside each file (test_fix_snapshots.py)."""
from __future__ import annotations

import re

from flake8_importguard.base.model import Finding, Fix, FixKind
from flake8_importguard.fix import fixer


def placeholder(line: int, name: str, module: str) -> Finding:
    return Finding("IMG201", line, 0, name=name, module=module,
                   fix=Fix(FixKind.REPLACE_PLACEHOLDER, line, name, module, name, certain=True))


def test_an_import_after_code_goes_into_the_import_block_and_joins_its_module():
    source = (b'"""Tests."""\nimport os\nfrom app.db import Session\n\nCONFIG = os.environ.get("X")\n'
              b"from unittest.mock import Mock\n\n# the model is missing\nThread = Mock\n\n\n"
              b"def test_it():\n    assert Thread and Session and CONFIG and Mock\n")
    fixed = fixer.apply(source, [placeholder(9, "Thread", "app.db")]).source.decode()
    assert fixed.startswith('"""Tests."""\nimport os\nfrom app.db import Session, Thread\n')
    assert "Thread = Mock" not in fixed and "# the model is missing" in fixed


def test_a_long_import_is_wrapped_one_name_a_line():
    source = b"from unittest.mock import Mock\n\nAccountSettingsRepository = Mock\n"
    module = "app.infrastructure.persistence.repositories.accounts"
    fixed = fixer.apply(source, [placeholder(3, "AccountSettingsRepository", module)], line_length=60).source
    assert fixed.decode() == f"from {module} import (\n    AccountSettingsRepository,\n)\n"


def test_a_placeholder_in_a_class_stays_in_its_place():
    source = b"from unittest.mock import Mock\n\n\nclass TestIt:\n    Thread = Mock\n"
    fixed = fixer.apply(source, [placeholder(5, "Thread", "app.db")]).source.decode()
    assert fixed == "class TestIt:\n    from app.db import Thread\n"


def flake8_codes(run_flake8, root) -> list[str]:
    result = run_flake8(root, "--extend-ignore=IMG", "tests")
    assert result.returncode in (0, 1) and not result.stderr, result.stderr
    return sorted(re.findall(r":\d+:\d+: ([A-Z]+\d+) ", result.stdout))


def test_a_fixed_file_passes_the_flake8_checks_it_passed_before(tmp_path, project_copy, run_flake8, run_importguard):
    """tests/projects/fix_placement (max-line-length 80): placeholders after code, an import of
    the same module, a long path; what the fix writes is each file's snapshot beside it."""
    root = project_copy(tmp_path, "fix_placement", ignore=["*.snap"])
    before = flake8_codes(run_flake8, root)
    result = run_importguard(root, "--fix", "tests")
    assert result.stderr.splitlines() == ["Rewriting tests/test_in_class.py", "Rewriting tests/test_placed.py"], \
        result.stdout + result.stderr
    assert not any("Mock" in path.read_text() for path in (root / "tests").glob("test_*.py"))
    assert flake8_codes(run_flake8, root) == before == []
