__all__ = ["Kept", "Gone"]  # Gone was deleted below, not here


class Kept:
    pass
