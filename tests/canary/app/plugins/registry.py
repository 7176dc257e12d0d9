import os; open(os.environ["IMPORTGUARD_CANARY"], "a").write(__file__ + "\n")  # the canary: never run
__all__ = ["Registry"] + [name.upper() for name in ("a", "b")]


class Registry:
    pass


A = B = Registry
