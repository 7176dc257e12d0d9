import os; open(os.environ["IMPORTGUARD_CANARY"], "a").write(__file__ + "\n")  # the canary: never run
from app.core import *
from app.core import __all__ as _core_all
from app.speedups import SPEEDUP_NAMES
from app.ui import *
from app.compat import *

__all__ = list(_core_all) + ["VERSION"] + SPEEDUP_NAMES
VERSION = "1"
