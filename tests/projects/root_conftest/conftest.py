import pytest

from app.models import Account, Plan  # IMG102


@pytest.fixture
def plan():
    return Plan(Account())
