_NAMES = {"Alpha"}
_NAMES.add("Gamma")


def __getattr__(name):
    if name in _NAMES:
        return name
    raise AttributeError(name)
