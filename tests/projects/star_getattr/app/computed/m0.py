"""No __all__; __getattr__ serves a computed table: whether it holds '__all__' is not read."""
_SERVED = {name.title(): name for name in ("alpha", "beta")}


def __getattr__(name):
    if name in _SERVED:
        return _SERVED[name]
    raise AttributeError(name)
