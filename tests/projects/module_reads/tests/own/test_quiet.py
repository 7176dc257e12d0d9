"""Reads that never fail as pytest imports the file, or that nobody can be sure of: silent."""
import functools
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shop.registry import REGISTERED
else:
    REGISTERED = []

FIXTURE = SHOP_FIXTURE  # noqa: F821 (the conftest puts it in the builtins)
ON_WINDOWS = sys.platform == "win32" and WindowsError  # noqa: F821
TABLE = [(n, n * 2) for n in range(3)]


@functools.lru_cache(maxsize=len(TABLE))
def checked(value):
    return value in (0, 1, 2) and later_name  # noqa: F821 (runs only when it is called)


def test_value():
    assert checked(0) is False


class TestOwn:
    size = 3
    sizes = [size]

    def test_sizes(self):
        assert self.sizes == [3] and REGISTERED == []


try:
    OPTIONAL = not_there  # noqa: F821
except NameError:
    OPTIONAL = None
