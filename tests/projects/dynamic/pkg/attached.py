import importlib

__getattr__, __dir__, __all__ = (lambda name: None, lambda: [], [])
