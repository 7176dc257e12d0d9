from tests._compat import Dict_origin, List_origin


def test_origins():
    assert List_origin[int] == list[int] and Dict_origin is dict
