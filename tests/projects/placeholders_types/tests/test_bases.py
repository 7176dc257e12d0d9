"""IMG203: generic objects aliased under project-specific names, with silent twins."""
import importlib.util
import sys
import unittest
from typing import TYPE_CHECKING, TypedDict
from unittest import TestCase

if TYPE_CHECKING:
    class Receipt(TypedDict):  # the file's own, for type checkers (pymongo's test_typing)
        total: int
else:
    Receipt = dict  # its runtime stand-in: silent (app.billing.plans has a Receipt of its own)


class TestReceipt(Receipt):
    pass


UserFlowTestBase = unittest.TestCase  # IMG203 "'UserFlowTestBase' aliases a generic object under a project-specific name; 'UserFlowTestBase' is defined in 'tests.helpers.bases'"
BaseIntegrationTest = object  # IMG203 "'BaseIntegrationTest' is defined nowhere in the project"
db_fixture = dict  # IMG203 "'db_fixture' is defined in 'tests.helpers.bases'"
assert_plan = lambda *args, **kwargs: None  # noqa: E731  # IMG203
JourneyBase = TestCase  # IMG203


class TestFlow(UserFlowTestBase):
    pass


class TestIntegration(BaseIntegrationTest, JourneyBase):
    pass


# Silent twins.
TestCase = unittest.TestCase  # the same name: no pretence
text_type = str  # a compatibility alias under a name the project does not know
Base = object  # never used as a base class
config = dict  # a first-party variable, not a class or function
Headers = dict  # stands in for a third-party class; the project's Headers is an alias of str
check = lambda *args: None  # noqa: E731  (unknown to the project)
identity = lambda value: value  # noqa: E731

if sys.version_info >= (3, 8):
    AsyncBase = unittest.IsolatedAsyncioTestCase
else:
    AsyncBase = unittest.TestCase


class TestAsync(AsyncBase):
    pass


def test_local():
    UserFlowTestBase = unittest.TestCase
    assert UserFlowTestBase and Base and text_type and config and check and identity and Headers(a="b")


# An optional dependency's fallback: the file imports the real class where it can.
if importlib.util.find_spec("not_installed_crypto_lib"):
    from app.billing.plans import Invoice
else:
    skip = "needs the crypto library"
    Invoice = object

_RealPlan = object  # replaced just below when the import works

try:
    from app.billing.plans import Plan as _RealPlan  # IMG204
except ImportError:
    pass


class TestInvoice(Invoice, _RealPlan):
    pass
