def __getattr__(name):  # attribute access only: the import system never asks it for submodules
    raise AttributeError(name)
