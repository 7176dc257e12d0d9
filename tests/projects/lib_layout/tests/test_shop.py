"""The packages live in lib/ (setuptools' `packages.find.where`, ansible's layout): they are the
project's, checked as such."""
from shop import PRICE
from shop import DISCOUNT  # IMG102
from shop.cart import total
from shop.checkout import pay  # IMG101


def test_total():
    assert total([PRICE]) == 1
