def _proxy(target):
    def __getattr__(name):
        return getattr(target, name)

    return __getattr__


__getattr__ = _proxy(str)
