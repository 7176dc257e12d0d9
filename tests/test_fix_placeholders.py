"""Placeholders replaced by the real import, end to end: the fixed test module imports the
project's own classes, and the imports only the placeholders used (Mock, unittest) are gone.

The IMG201-IMG204 rules come from another branch; until they are merged, the findings are built
here exactly as the rules describe them (kind "replace-placeholder", the line of the placeholder
assignment or of its try statement), and the command-line test waits for the rules.
"""
from __future__ import annotations

import pytest

from flake8_importguard.fix import fixer
from support import check
from flake8_importguard.base.config import Settings
from flake8_importguard.base.files import write_atomic
from flake8_importguard.base.model import Finding, Fix, FixKind

SOURCE = '''\
"""Placeholders that hide code which exists all along."""
import unittest
from unittest.mock import Mock, patch

Thread = Mock  # the model "does not exist"
UserFlowTestBase = unittest.TestCase
try:
    from app.models.agent import Agent
except ImportError:
    Agent = Mock


class TestFlows(UserFlowTestBase):
    @patch("app.db.models_agent.Message")
    def test_thread(self, message):
        self.assertEqual(Thread("t").title, "t")
        self.assertEqual(Agent().name, "agent")
'''

FIXED = '''\
"""Placeholders that hide code which exists all along."""
from unittest.mock import patch
from app.agents.runs import Agent
from app.db.models_agent import Thread  # the model "does not exist"
from tests.helpers.flows import UserFlowTestBase


class TestFlows(UserFlowTestBase):
    @patch("app.db.models_agent.Message")
    def test_thread(self, message):
        self.assertEqual(Thread("t").title, "t")
        self.assertEqual(Agent().name, "agent")
'''


def placeholder(code, line, name, module):
    return Finding(code, line, 0, name=name, module=module,
                   fix=Fix(FixKind.REPLACE_PLACEHOLDER, line, name, module, name, certain=True))


FINDINGS = [
    placeholder("IMG201", 5, "Thread", "app.db.models_agent"),
    placeholder("IMG203", 6, "UserFlowTestBase", "tests.helpers.flows"),
    placeholder("IMG204", 7, "Agent", "app.agents.runs"),
]


def test_placeholders_become_real_imports(tmp_path, imports, run_python, project_copy):
    root = project_copy(tmp_path)
    path = root / "tests/test_placeholders.py"
    path.write_text(SOURCE)
    assert imports(root, "tests.test_placeholders")  # it "works": against mocks
    result = fixer.apply(path.read_bytes(), FINDINGS)
    assert result.skipped == ()
    write_atomic(str(path), result.source, root=str(root))
    assert path.read_text() == FIXED
    imported = run_python(root, "import tests.test_placeholders as t, app.db.models_agent as m, app.agents.runs as r; "
                                "assert t.Thread is m.Thread and t.Agent is r.Agent")
    assert imported.returncode == 0, imported.stderr
    assert check(path.read_bytes(), str(path), Settings()) == []


def test_the_command_replaces_placeholders_once_the_rules_report_them(tmp_path, run_importguard, imports, project_copy):
    root = project_copy(tmp_path)
    path = root / "tests/test_placeholders.py"
    path.write_text(SOURCE)
    found = [f for f in check(SOURCE.encode(), str(path), Settings()) if f.code.startswith("IMG2")]
    if not found:
        pytest.skip("the placeholder rules (IMG201-IMG204) are not on this branch yet")
    run_importguard(root, "--fix", "tests/test_placeholders.py")
    assert path.read_text() == FIXED
    assert imports(root, "tests.test_placeholders")
