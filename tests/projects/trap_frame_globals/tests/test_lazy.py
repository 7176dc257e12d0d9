import app.abc
import app.aliased
import app.dotted
from app.injected import TIMEOUT
import app.plain
from app.abc import CancelScope
from app.aliased import Event
from app.dotted import CancelScope as Scope
from app.plain import GONE  # IMG102
from app.old_home import Relocated, SETTING  # served by app.new_home, which takes its place


def test_lazy():
    assert app.abc.CancelScope is CancelScope is Scope and app.aliased.Event is Event
    assert app.plain.OTHER and TIMEOUT  # IMG103
