"""__all__ lists a name that only __getattr__ serves: a star import fetches it with getattr."""
__all__ = ["Real", "Served"]
_SERVED = {name: name.lower() for name in ("Served", "Other")}


class Real:
    pass


def __getattr__(name):
    if name in _SERVED:
        return _SERVED[name]
    raise AttributeError(name)
