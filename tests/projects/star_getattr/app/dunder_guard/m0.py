"""No __all__; __getattr__ refuses dunder names first, then serves any other name."""
import importlib


class Real:
    pass


def __getattr__(name):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    return importlib.import_module(f"app.dunder_guard.{name.lower()}")
