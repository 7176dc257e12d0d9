"""structlog's `__getattr__`: the names it serves are a dict of its own, bound before the test."""
import warnings


def __getattr__(name):
    import importlib.metadata

    dunder_to_metadata = {"__description__": "summary", "__version__": ""}
    if name not in dunder_to_metadata:
        raise AttributeError(f"module {__name__} has no attribute {name}")
    warnings.warn(f"{name} is deprecated", DeprecationWarning, stacklevel=2)
    return importlib.metadata.version("pytest")
