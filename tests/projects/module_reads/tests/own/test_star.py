from shop.stars import *  # noqa: F403

VALUE = STARRED  # noqa: F405


def test_value():
    assert VALUE == 1
