from server.compat import WIN  # IMG105 "importing 'server.compat' fails: server/core.py:1 imports 'Adjustments' from 'server.adjustments'"
from server.gone import thing  # IMG101
from legacy.compat import text_type  # IMG106 "legacy/__init__.py:4 reads 'Response', which 'legacy' does not bind when it runs (NameError)"
from helper import FILLED
from helper.gone import thing as other  # unknown: helper's run hands its globals() to fill()


def test_win():
    assert not WIN and FILLED and thing and other and text_type
