import os; open(os.environ["IMPORTGUARD_CANARY"], "a").write(__file__ + "\n")  # the canary: never run
from app.core import *  # binds only what core's computed __all__ lists
