__all__ = ["array_repr", "array_str"]


def array_repr(value):
    return repr(value)


def array_str(value):
    return str(value)
