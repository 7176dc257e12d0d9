from app.schemas.base import Model  # works here: tests/conftest.py's failed import left it loaded
from app.orders import place


def test_model():
    return Model, place
