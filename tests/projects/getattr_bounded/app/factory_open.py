def _pick(strict):
    def strict_getattr(name):
        raise AttributeError(name)

    def loose_getattr(name):
        return name

    if strict:
        return strict_getattr
    return loose_getattr


__getattr__ = _pick(True)
