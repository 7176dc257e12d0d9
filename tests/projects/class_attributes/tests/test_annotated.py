"""A class attribute annotated without a value may be set by what the class statement does not
show (a metaclass elsewhere, a descriptor, an ORM mapper): silent. One never named stays a finding."""
from app.pool import Pool

DISPATCH = Pool.dispatch
GONE = Pool.dispatcher  # IMG104


def test_dispatch():
    assert DISPATCH and GONE
