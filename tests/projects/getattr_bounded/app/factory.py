class Alpha:
    pass


def _make_getattr(module_name):
    """A proxy for the package's metadata, made for each module that asks (as attrs does)."""

    def __getattr__(name):
        if name not in ("__version__", "__version_info__"):
            raise AttributeError(f"module {module_name} has no attribute {name}")
        return "1.0"

    return __getattr__


__getattr__ = _make_getattr(__name__)
