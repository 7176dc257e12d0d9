from app.orders import place


def test_place():
    assert place() == "placed"
