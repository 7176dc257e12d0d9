"""The fixer under stress: generated test files with broken imports in many layouts. After
`--fix` the output parses, every line outside the import statements is kept byte for byte, a
second fix changes nothing, and the fixed module really imports (CPython runs it)."""
from __future__ import annotations

import ast
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from flake8_importguard.base.config import Settings
from support import fix

# (statement pieces, names the module then uses): each is broken, each has one certain repair.
BROKEN = [
    ("app.websocket.connection_manager", ("WebSocketConnectionManager",)),  # renamed
    ("app.models", ("Thread",)),  # moved
    ("app.models.agent", ("Agent", "AgentRun")),  # whole module moved
    ("app.models.user", ("Usr",)),  # typo of a name in the same module
]
FILLER = ["import os", "# a comment", "", "value = 1  # trailing", "'''a string'''", "x = [\n    1,\n]"]


@st.composite
def layouts(draw, module: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """One import statement of `names` from `module`, in a drawn layout; the names it binds."""
    aliased = draw(st.booleans())
    bound = [f"{n}_{i}" if aliased else n for i, n in enumerate(names)]
    parts = [f"{n} as {b}" if aliased else n for n, b in zip(names, bound)]
    style = draw(st.sampled_from(["plain", "parens", "semicolon", "function"]))
    if style == "parens":
        inner = "".join(f"    {p},  # keep {i}\n" for i, p in enumerate(parts))
        text = f"from {module} import (  # opening\n{inner})"
    else:
        text = f"from {module} import {', '.join(parts)}"
    if style == "semicolon":
        text = f"before = 1; {text}; after = 2"
    if style == "function":
        body = "\n".join(f"    assert {b} is not None" for b in bound)
        text = f"def use_{bound[0]}():\n    {text}\n{body}\n\n\nuse_{bound[0]}()"
        bound = []  # local to the function, used there
    return text, bound


@st.composite
def generated_files(draw) -> bytes:
    chunks, used = [], []
    for module, names in draw(st.lists(st.sampled_from(BROKEN), min_size=1, max_size=4, unique=True)):
        chunks.extend(draw(st.lists(st.sampled_from(FILLER), max_size=2)))
        text, bound = draw(layouts(module, names))
        chunks.append(text)
        used.extend(bound)
    chunks.extend(f"assert {name} is not None" for name in used)
    text = "\n".join(chunks) + "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text.encode()


def outside_imports(source: bytes) -> list[bytes]:
    """The lines that hold no part of an import statement."""
    covered = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            covered.update(range(node.lineno, node.end_lineno + 1))
    return [line for number, line in enumerate(source.splitlines(keepends=True), 1) if number not in covered]


@pytest.fixture(scope="module")
def project(tmp_path_factory, project_copy):
    """The `fixes` project without its test files: the generated one is the only test."""
    return project_copy(tmp_path_factory.mktemp("stress"), "fixes", ignore=["test_*"])


EXAMPLES = int(os.environ.get("IMPORTGUARD_EXAMPLES", "25"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=generated_files())
def test_fixed_file_parses_keeps_other_lines_is_idempotent_and_imports(project, run_command, source):
    path = project / "tests" / "test_generated.py"
    path.write_bytes(source)
    outcome = fix(source, str(path), Settings())
    fixed = outcome.fixed
    ast.parse(fixed)
    assert fixed != source, "every generated import has a certain repair"
    assert outside_imports(fixed) == outside_imports(source)
    assert fix(fixed, str(path), Settings()).fixed == fixed
    path.write_bytes(fixed)
    proc = run_command([sys.executable, "-c", "import tests.test_generated"], project)
    assert proc.returncode == 0, proc.stderr + fixed.decode()
