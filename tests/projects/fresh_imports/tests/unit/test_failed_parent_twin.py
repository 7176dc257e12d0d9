from app.fine import Core, Extra
from app.fine.core import Core as Core2
from app.fine.extra import Gone  # IMG105 "app/fine/extra.py:1 imports 'app.fine.nowhere', which does not exist"


def test_fine():
    return Core, Extra, Core2, Gone
