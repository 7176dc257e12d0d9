__all__ = ["child"]  # a submodule: the star import loads it
