from .parts import *
from .parts import __all__ as _parts_all

__all__ = ["Own"] + list(_parts_all)
Own = 1
