import sys

__all__ = ["Maybe"]

if sys.version_info >= (3,):
    Maybe = 1
