from app.billing.plans import UserPlan


def test_free_plan():
    assert UserPlan.FREE == "free"
