__all__ = ["Alpha", "Beta"]


class Alpha:
    pass


class Beta:
    pass


class Gamma:
    pass
