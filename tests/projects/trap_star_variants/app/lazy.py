__all__ = ["Eager", "Lazy"]


class Eager:
    pass


def __getattr__(name):
    if name == "Lazy":
        return Eager
    raise AttributeError(name)
