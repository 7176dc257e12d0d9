"""Its `import os` and `import pytest` were deleted; the module level still reads both."""
from shop.registry import REGISTERED

ROOT = os.path.dirname(__file__)  # IMG107 "'os' is a module of the standard library: import it"


@pytest.fixture  # IMG107 "'pytest' is an installed module: import it"
def registered():
    return REGISTERED


def test_registered(registered):
    assert registered == [] and ROOT
