import pytest

from app.models import Account


@pytest.fixture
def plan():
    return Account.plan
