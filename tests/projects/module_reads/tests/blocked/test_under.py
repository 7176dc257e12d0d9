from shop.registry import REGISTERED


def test_registered():
    assert REGISTERED == []
