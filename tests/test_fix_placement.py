"""Imports that replace module-level placeholders go where the project's other linters want them:
into the import block (no E402), joined with an import of the same module, wrapped in parentheses
to the configured line length. A fixed file passes the flake8 checks it passed before. The fixer's
own cases are below; the fixture tests/projects/fix_placement shows the same end to end, what the
fix writes there being the snapshot beside each file (test_fix_snapshots.py)."""
from __future__ import annotations

import re

import isort
from hypothesis import given, settings, strategies as st

from flake8_importguard.base.model import Finding, Fix, FixKind
from flake8_importguard.fix import fixer
from flake8_importguard.fix.fixer import ImportStyle


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
    fixed = fixer.apply(source, [placeholder(3, "AccountSettingsRepository", module)], ImportStyle(60)).source
    assert fixed.decode() == f"from {module} import (\n    AccountSettingsRepository,\n)\n"


def test_a_placeholder_in_a_class_stays_in_its_place():
    source = b"from unittest.mock import Mock\n\n\nclass TestIt:\n    Thread = Mock\n"
    fixed = fixer.apply(source, [placeholder(5, "Thread", "app.db")]).source.decode()
    assert fixed == "class TestIt:\n    from app.db import Thread\n"


def test_a_first_party_import_is_its_own_section_after_the_standard_library():
    """isort's sections: a new first-party import below a standard-library one gets a blank line
    between them; below one of its own package it joins that section."""
    source = (b"import os\nfrom unittest.mock import Mock\n\nThread = Mock\n\n\n"
              b"def test_it():\n    assert os and Thread\n")
    fixed = fixer.apply(source, [placeholder(4, "Thread", "app.db")]).source.decode()
    assert fixed.startswith("import os\n\nfrom app.db import Thread\n\n\ndef test_it():"), fixed
    source = b"import os\n\nfrom app import api\nfrom unittest.mock import Mock\n\nThread = Mock\n"
    fixed = fixer.apply(source, [placeholder(6, "Thread", "app.db")]).source.decode()
    assert fixed == "import os\n\nfrom app import api\nfrom app.db import Thread\n", fixed


def flake8_codes(run_flake8, root) -> list[str]:
    result = run_flake8(root, "--extend-ignore=IMG", "tests")
    assert result.returncode in (0, 1) and not result.stderr, result.stderr
    return sorted(re.findall(r":\d+:\d+: ([A-Z]+\d+) ", result.stdout))


def isorted(root) -> list[bool]:
    """isort's check of each test file, as a black-styled project runs it (line length 80)."""
    config = isort.Config(profile="black", line_length=80, known_first_party=["app"])
    return [isort.check_file(str(path), config=config) for path in sorted((root / "tests").glob("test_*.py"))]


def test_a_fixed_file_passes_the_flake8_checks_it_passed_before(tmp_path, project_copy, run_flake8, run_importguard):
    """tests/projects/fix_placement (max-line-length 80): placeholders after code, an import of
    the same module, a long path; what the fix writes is each file's snapshot beside it. The
    files pass isort's check (black's profile) before the fix and after it."""
    root = project_copy(tmp_path, "fix_placement", ignore=["*.snap"])
    before = flake8_codes(run_flake8, root)
    assert isorted(root) == [True, True]
    result = run_importguard(root, "--fix", "tests")
    assert result.stderr.splitlines() == ["Rewriting tests/test_in_class.py", "Rewriting tests/test_placed.py"], \
        result.stdout + result.stderr
    assert not any("Mock" in path.read_text() for path in (root / "tests").glob("test_*.py"))
    assert flake8_codes(run_flake8, root) == before == []
    assert isorted(root) == [True, True]


# Import lines as isort writes them (module, names; no names: `import module`), in a project whose
# first-party packages are `app` and `tests`; the relative ones are context only (the fixer adds none).
POOL = [
    ("__future__", ("annotations",)), ("os", ()), ("sys", ()), ("pathlib", ("Path",)),
    ("unittest.mock", ("MagicMock", "patch")), ("pytest", ()), ("attr", ()), ("hypothesis", ("given",)),
    ("app", ("api",)), ("app.models", ()), ("app.db", ("CONSTANT", "Session", "make_session")),
    ("tests.helpers", ("build",)), (".", ("factories",)), (".helpers", ("make",)),
]
ISORT_FIRST_PARTY = ["app", "tests"]
STYLE = ImportStyle(79, frozenset(ISORT_FIRST_PARTY))


def _lines(chosen: list[tuple[str, tuple[str, ...]]]) -> str:
    return "".join(f"from {module} import {', '.join(names)}\n" if names else f"import {module}\n"
                   for module, names in chosen if names or module)


@st.composite
def _blocks(draw: st.DrawFn) -> tuple[str, str, Finding]:
    """(a file whose import block lacks one import that its module level reads, in isort's order;
    the same file with that import, as isort writes it; the IMG107 finding with its fix)."""
    chosen = draw(st.lists(st.sampled_from(POOL), min_size=1, unique=True))
    module, names = draw(st.sampled_from([item for item in chosen if item[0] not in ("__future__", ".", ".helpers")]
                                         or [("os", ())]))
    if (module, names) not in chosen:
        chosen.append((module, names))
    name = draw(st.sampled_from(names)) if names else module
    reduced = [(m, ns) if m != module else (m, tuple(n for n in ns if n != name)) for m, ns in chosen]
    reduced = [(m, ns) for m, ns in reduced if m != module or ns]  # a line left with no name goes
    docstring = draw(st.sampled_from(['', '"""Tests."""\n']))
    read = f"VALUE = {name}\n"
    complete, lacking = (isort.code(docstring + text + ("\n" if text else "") + read,
                                    known_first_party=ISORT_FIRST_PARTY) for text in (_lines(chosen), _lines(reduced)))
    line = lacking.splitlines().index(read.strip()) + 1
    fix_data = Fix(FixKind.ADD_IMPORT, line, name=name, target_module=module, target_name=name if names else "",
                   certain=True)
    return lacking, complete, Finding("IMG107", line, 8, name=name, fix=fix_data, at_import=True)


@settings(max_examples=150, deadline=None)
@given(_blocks())
def test_an_added_import_goes_where_isort_puts_it(case):
    """The import an unbound name needs (IMG107), added to a block that isort keeps (sections,
    `import x` before `from x import`, modules and names in order): the file is what isort
    writes for the file with that import, so `isort --check` and ruff's I001 pass after the fix."""
    lacking, complete, finding = case
    fixed = fixer.apply(lacking.encode(), [finding], STYLE).source.decode()
    assert fixed == complete, f"{lacking}\n---\n{fixed}\n--- isort:\n{complete}"
    assert isort.check_code(fixed, known_first_party=ISORT_FIRST_PARTY)
