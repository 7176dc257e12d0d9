"""The suite expects `UserPlan` from first-party code: it is a first-party symbol's name even
though it was never written."""
from app.billing.plans import UserPlan  # IMG102 "'UserPlan' is not defined in 'app.billing.plans'"


def test_free():
    assert UserPlan.FREE == "free"
