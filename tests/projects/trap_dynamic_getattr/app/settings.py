"""A module whose names come from the environment at runtime."""
import os

DEBUG = False


def __getattr__(name):
    if name.isupper():
        return os.environ.get(name, "")
    raise AttributeError(name)
