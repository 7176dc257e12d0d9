from app import plans

LIMIT = plans.Team.MAXIMUM  # IMG104 "class 'app.plans.Team' has no attribute 'MAXIMUM'"


def test_limit():
    assert LIMIT
