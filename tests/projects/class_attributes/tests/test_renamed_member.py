import pytest

from app.plans import Plan


@pytest.mark.parametrize("plan", [Plan.FREE, Plan.PRO])  # IMG104 "class 'app.plans.Plan' has no attribute 'FREE'"
def test_plan(plan):
    assert plan
