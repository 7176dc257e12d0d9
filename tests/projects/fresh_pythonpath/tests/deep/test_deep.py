from conftest import tools
from helpers import setup  # IMG105 "lib/helpers/__init__.py:2 imports 'helpers.missing', which does not exist"


def test_deep():
    return tools, setup
