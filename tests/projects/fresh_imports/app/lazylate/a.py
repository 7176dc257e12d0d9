from app.lazylate import b


def _lazy(name):
    if name == "LAZY":
        return 1
    raise AttributeError(name)


__getattr__ = _lazy
