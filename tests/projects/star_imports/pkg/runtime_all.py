import os

from .parts import PartThree

__all__ = [name for name in sorted(os.environ) if name.startswith("PKG_")]
