from . import parts
from .parts import *

__all__ = ["Own2"] + list(parts.__all__)
Own2 = 1
