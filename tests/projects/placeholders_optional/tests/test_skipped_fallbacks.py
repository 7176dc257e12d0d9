"""Placeholders that only let the module import: where the import fails the file skips its tests
(twisted's `skipTest = "..."` above `@skipIf(skipTest, skipTest)`, a flag `pytest.mark.skipif`
reads, `if not HAS_X: pytest.skip(...)`, twisted.trial's class attribute `skip`), so no test runs
against them: silent. app.errors imports ssl, which some builds lack."""
import unittest
from unittest import skipIf
from unittest.mock import Mock

import pytest

try:
    from app.errors import ClickError

    skip_reason = ""
except ImportError:
    skip_reason = "ssl is not there"
    ClickError = object


@skipIf(skip_reason, skip_reason)
class TestClick(unittest.TestCase):
    def test_click(self):
        assert ClickError


try:
    from app.errors import PlanKind
except ImportError:
    HAS_ERRORS = False
    PlanKind = type("PlanKind", (), {"FREE": "free"})
else:
    HAS_ERRORS = True


@pytest.mark.skipif(not HAS_ERRORS, reason="ssl is not there")
def test_plan():
    assert PlanKind.FREE


try:
    from app.errors import FlowBase

    flow = True
except ImportError:
    flow = None
    FlowBase = unittest.TestCase


def test_flow():
    if flow is None:
        pytest.skip("ssl is not there")
    assert FlowBase


try:
    from app.errors import assert_clicked
except ImportError:
    missing = "ssl is not there"
    assert_clicked = Mock
else:
    missing = None


class TestAsserted(unittest.TestCase):
    skip = missing  # twisted.trial's TestCase skips on it

    def test_asserted(self):
        assert_clicked(True)


try:
    from app.errors import ClickError as Unskipped  # IMG204 "its fallback 'Unskipped' aliases a generic object"
except ImportError:
    unused_reason = "ssl is not there"
    Unskipped = object


def test_unskipped():
    assert Unskipped
