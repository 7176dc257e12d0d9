from . import base as _base
from .base import *  # noqa: F401,F403

__all__ = _base.__all__ + ["Absent", "Lost"]  # two names nothing binds: which one fails first is not read
