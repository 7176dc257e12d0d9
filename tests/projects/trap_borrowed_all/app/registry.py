_NAMES = ["Alpha"]


class Alpha:
    pass


class Beta:
    pass


_NAMES.append("Beta")
__all__ = list(_NAMES)
