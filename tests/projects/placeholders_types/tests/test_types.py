"""IMG202: types invented in the test instead of imported, with silent twins."""
import collections
import enum
import types
import typing
from types import SimpleNamespace

UserPlan = type("UserPlan", (), {"FREE": "free"})  # IMG202 "'UserPlan' is a type invented in the test instead of imported; 'UserPlan' is defined nowhere in the project"
Plan = SimpleNamespace(FREE="free", PRO="pro")  # IMG202 "'Plan' is defined in 'app.billing.plans'"
Status = enum.Enum("Status", "ACTIVE BLOCKED")  # IMG202 "'Status' is defined in 'app.models.status'"
Invoice = enum.IntEnum("Invoice", "DRAFT SENT")  # IMG202

# Silent twins: the test's own data types, unknown to the project and its suite.
PlanDict = typing.TypedDict("PlanDict", {"name": str})
Plan2 = types.SimpleNamespace()
Color = enum.Enum("Color", "RED GREEN")
Case = collections.namedtuple("Case", "given expected")
Receipt = collections.namedtuple("Receipt", "number")  # a record type, even under a first-party name
Klass = type("Klass", (), {})
options = SimpleNamespace(verbose=True)
status = SimpleNamespace(ACTIVE="active")  # lower-case: test data, not a type
Kind = type(Color)  # one argument: asks for a type, invents none
Ghost = SimpleNamespace(BOO="boo")  # only a project nested in this one imports a `Ghost`


def test_local():
    Plan = SimpleNamespace(FREE="free")
    Status = enum.Enum("Status", "ACTIVE")
    assert Plan.FREE and Status.ACTIVE


def test_color():
    assert Color.RED and Case(1, 2) and Klass and options and status and Kind
