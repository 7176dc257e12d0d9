import os; open(os.environ["IMPORTGUARD_CANARY"], "a").write(__file__ + "\n")  # the canary: never run
from test.fixtures_missing import NAMES  # a first-party package named like the standard library's

__all__ = NAMES + ["Compat"]


class Compat:
    pass
