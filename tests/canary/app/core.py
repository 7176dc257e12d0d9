import os; open(os.environ["IMPORTGUARD_CANARY"], "a").write(__file__ + "\n")  # the canary: never run
from app.plugins import PLUGIN_NAMES, Registry

__all__ = ["Engine"] + PLUGIN_NAMES  # computed: only astroid can list it


class Engine:
    pass


class Hidden:
    pass
