__all__ = ["Kept", "Served"]

Kept = 1


def __getattr__(name):
    if name == "Served":
        return 2
    raise AttributeError(name)
