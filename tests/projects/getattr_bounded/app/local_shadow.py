"""A module table shadowed by the function's own name of the same spelling, bound otherwise."""
import os

SERVED = ("Alpha",)


def __getattr__(name):
    SERVED = os.environ.get("SERVED", "Alpha,Beta").split(",")
    if name not in SERVED:
        raise AttributeError(name)
    return name
