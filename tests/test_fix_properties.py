"""Properties, over generated source (hypothesmith) mixed with first-party imports of every form:
fixing never raises, never produces source that does not parse, never changes a file that has no
findings, never adds a finding, and a second fix changes nothing."""
from __future__ import annotations

import ast
import os
import re
from collections import Counter

import hypothesmith
from hypothesis import HealthCheck, assume, event, given, settings, strategies as st

from flake8_importguard.base.config import Settings
from flake8_importguard.base.model import Finding, Fix, FixKind
from flake8_importguard.fix import fixer
from support import PROJECTS, check, fix

PATH = os.path.join(PROJECTS, "fixes", "tests", "test_generated.py")  # never written: only its place counts
SETTINGS = Settings()
IMPORTS = [
    "from app.models import Thread",
    "from app.models import User, Message",
    "from app.models import (\n    User,  # kept\n    Thread,  # moved\n)",
    "from app.models.user import Usr as U",
    "from app.websocket.connection_manager import WebSocketConnectionManager",
    "from app.models.agent import Agent, AgentRun",
    "from .helpers.flow import UserFlowTestBase",
    "from app.dup import Duplicate",
    "from app.models.user import make_admin",
    "from app.models import Session",
    "from app.reports import ReportContext",
    "import app.models.gone",
    "from unittest.mock import Mock",
    "try:\n    from app.models import Thread\nexcept ImportError:\n    Thread = None",
    "def helper():\n    from app.models import Thread\n    return Thread",
    "x = 1; from app.models import Thread; y = 2",
]
GENERATED = hypothesmith.from_grammar()  # built once: building it is slow
EXAMPLES = settings(max_examples=int(os.environ.get("IMPORTGUARD_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=list(HealthCheck))


def parses(source: bytes) -> bool:
    try:
        ast.parse(source)
        return True
    except (SyntaxError, ValueError):
        return False


@st.composite
def generated_test_files(draw) -> bytes:
    generated = draw(GENERATED)
    chosen = draw(st.lists(st.sampled_from(IMPORTS), max_size=5))
    text = "\n".join(chosen) + ("\n" if chosen else "") + generated
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8", "surrogatepass")


@EXAMPLES
@given(source=generated_test_files())
def test_fixing_a_file_is_safe(source):
    assume(parses(source))
    try:
        before = check(source, PATH, SETTINGS)
    except (SyntaxError, ValueError, RecursionError):
        assume(False)
    outcome = fix(source, PATH, SETTINGS)
    event(f"fixes applied: {min(len(outcome.applied), 3)}")
    assert parses(outcome.fixed)
    if not before:
        assert outcome.fixed == source
    after = check(outcome.fixed, PATH, SETTINGS)
    assert not Counter(f.key for f in after) - Counter(f.key for f in before)
    assert fix(outcome.fixed, PATH, SETTINGS).fixed == outcome.fixed
    # never a wrong rename: with two names that read as renames of it, neither is chosen
    assert b"import ReportContextBuilder as ReportContext" not in outcome.fixed
    assert b"import Report as ReportContext" not in outcome.fixed


KINDS = ["alias", "move", "move-module", "replace-placeholder", "stub"]


@EXAMPLES
@given(encoded=generated_test_files(), data=st.data())
def test_the_fixer_never_raises_and_never_breaks_a_file(encoded, data):
    """Whatever the findings say, even nonsense, the output parses and only a fix changes it."""
    assume(parses(encoded))
    source = encoded.decode("utf-8", "surrogatepass")
    names = sorted(set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", source))) or ["x"]
    lines = source.count("\n") + 1
    real = []  # (kind, line, imported name, bound name, module) that match statements really there
    for node in ast.walk(ast.parse(encoded)):
        if isinstance(node, ast.ImportFrom):
            real += [(kind, node.lineno, a.name, a.asname or a.name, "." * node.level + (node.module or ""))
                     for a in node.names for kind in ("alias", "move", "move-module")]
        elif isinstance(node, (ast.Assign, ast.Try)):
            target = node.targets[0] if isinstance(node, ast.Assign) else None
            bound = target.id if isinstance(target, ast.Name) else "x"
            real.append(("replace-placeholder", node.lineno, "", bound, ""))
    nonsense = st.tuples(st.sampled_from(KINDS), st.integers(1, lines), st.sampled_from(names),
                         st.sampled_from(names), st.sampled_from(names))
    where = st.one_of(st.sampled_from(real), st.sampled_from(real), nonsense) if real else nonsense
    findings = data.draw(st.lists(st.builds(
        lambda at, target, target_name: Finding(
            "IMG102", at[1], 0, name=at[2], module=at[4].lstrip("."),
            fix=Fix(FixKind(at[0]), at[1], at[3], target, target_name, certain=True)),
        where, st.sampled_from(["app.models", "app.db.models_agent", "m"]), st.sampled_from(names),
    ), max_size=4))
    result = fixer.apply(encoded, findings)
    event(f"changed: {result.changed}")
    assert parses(result.source)
    assert result.changed or result.source == encoded
