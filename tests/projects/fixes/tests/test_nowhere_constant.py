"""A constant defined nowhere gets no stub: a stub must fail when used, and reading a constant cannot."""
from app.models.user import MAX_USERS  # IMG102 "'MAX_USERS' is defined nowhere in the project"


def test_limit():
    assert MAX_USERS > 0
