"""No __all__; a deprecation shim: __getattr__ serves old names and raises for the rest."""
import warnings

_RENAMED = {"OldClient": "NewClient", "OldServer": "NewServer"}


class Real:
    pass


class NewClient:
    pass


def __getattr__(name):
    if name in _RENAMED:
        warnings.warn(f"{name} is now {_RENAMED[name]}", DeprecationWarning)
        return NewClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
