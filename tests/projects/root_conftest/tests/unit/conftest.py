import pytest

from app.models import Account


@pytest.fixture
def account():
    return Account()
