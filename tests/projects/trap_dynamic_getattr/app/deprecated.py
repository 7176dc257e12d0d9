"""The deprecation shim pattern: old names forwarded with a warning."""
import warnings

from app.eager import Widget


def __getattr__(name):
    if name == "OldWidget":
        warnings.warn("OldWidget is deprecated", DeprecationWarning)
        return Widget
    raise AttributeError(name)
