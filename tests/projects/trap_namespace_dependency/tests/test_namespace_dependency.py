"""A namespace directory named as a dependency the project requires is the dependency's; one that
is no dependency stays the project's."""
from alembic_tool import command  # unknown: the project requires it (not installed where CPython judges)
from libcst import parse_module
from toolbelt import sessions  # unknown: requirements.txt lists it (not installed where CPython judges)
from scripts.tool import run
from scripts.tool import gone  # IMG102
from shop import PRICE
from shop import nothing  # IMG102


def test_modules():
    assert command and sessions and parse_module("x = 1") and run() and PRICE
