_NAMES = {n.title() for n in ("alpha", "gamma")}


def __getattr__(name):
    if name in _NAMES:
        return name
    raise AttributeError(name)
