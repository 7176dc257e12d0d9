"""A key from a parameter: any name."""
import sys
import types


def register(name):
    sys.modules[name] = types.ModuleType(name)


register(__name__ + ".sub")
