import sys

if sys.version_info >= (3,):
    __all__ = ["Listed"]


class Listed:
    pass


class Unlisted:
    pass
