from . import base as _base
from .base import *  # noqa: F401,F403

__all__ = _base.__all__ + ["Absent"]  # computed, and lists a name nothing binds
