"""numpy._core.numeric: its `__all__` grows as it runs, by a function that appends another
module's names to it (`extend_all(arrayprint)`)."""
from app import printing
from app.printing import *

__all__ = ["ones"]


def ones(n):
    return [1] * n


def extend_all(module):
    existing = set(__all__)
    for name in module.__all__:
        if name not in existing:
            __all__.append(name)


extend_all(printing)
