import sys


def __getattr__(name):
    if name == "Alpha":
        return 1
    raise AttributeError(name)


if sys.version_info >= (3,):
    def __getattr__(name):
        return name
