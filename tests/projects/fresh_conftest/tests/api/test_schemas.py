from app.schemas.base import Model  # IMG106 "unless another test has already imported 'app.schemas.base'"
from app.orders import place


def test_model():
    return Model, place
