"""A table of the function's own, changed before the test."""
import os


def __getattr__(name):
    served = {"Alpha"}
    served.update(os.environ.get("MORE", "Beta").split(","))
    if name not in served:
        raise AttributeError(name)
    return name
