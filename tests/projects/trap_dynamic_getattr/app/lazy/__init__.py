"""A lazily loaded package (lazy_loader / PEP 562 style): names come from submodules on first use."""
import importlib

_SUBMODULES = {"tables", "charts"}
_ATTRS = {"Table": "tables", "Chart": "charts"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _ATTRS:
        return getattr(importlib.import_module(f".{_ATTRS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(_SUBMODULES | set(_ATTRS))
