from app.plans import Seats


def test_seats():
    assert Seats.FEW  # IMG104 "class 'app.plans.Seats' has no attribute 'FEW'"
