import pytest

from app.orders import place


@pytest.fixture
def config():
    from app.settings import config  # IMG105
    return config, place
