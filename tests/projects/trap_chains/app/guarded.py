import contextlib
import sys
from typing import TYPE_CHECKING

with contextlib.suppress(ImportError):
    from app.gone import suppressed

try:
    from app.gone import fast
except ImportError:
    fast = None

if TYPE_CHECKING:
    from app.gone import Typed

if sys.platform == "no-such-platform":
    from app.gone import legacy


def later():
    from app.gone import lazy
    return lazy


class Holder:
    def method(self):
        import app.gone
        return app.gone


VALUE = 1
