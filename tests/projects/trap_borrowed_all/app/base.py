__all__ = ["Base"]


class Base:
    pass


class Extra:
    pass


__all__.append("Extra")  # astroid's inference of __all__ does not see this
