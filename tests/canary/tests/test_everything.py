import os; open(os.environ["IMPORTGUARD_CANARY"], "a").write(__file__ + "\n")  # the canary: never run
from app import Engine, VERSION, Registry, Compat, Window, Nothing  # IMG105 "app/ui.py:2 imports 'Gtk'"
from app.api import Engine, Registry  # IMG105
# core's __all__ is computed, only astroid lists it, and it leaves Hidden out:
from app.api import Hidden  # IMG102 IMG105
from app.core import Missing  # IMG102
from app.plugins import Registry
from app.plugins.registry import A, Registry
from app.speedups import fast_sum
from app.ui import Window, Button  # IMG102
import app.gone  # IMG101
from gi.repository import Gtk  # IMG102
from test import fixtures_missing  # IMG102
