"""Another project kept inside this one: its imports say nothing about this project's names."""
from app.billing.plans import Ghost  # unknown: a name of the other project's own `app`


def test_ghost():
    assert Ghost
