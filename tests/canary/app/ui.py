import os; open(os.environ["IMPORTGUARD_CANARY"], "a").write(__file__ + "\n")  # the canary: never run
from gi.repository import Gtk

__all__ = Gtk.WIDGET_NAMES + ["Window"]


class Window:
    pass
