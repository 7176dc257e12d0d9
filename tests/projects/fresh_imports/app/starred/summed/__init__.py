from . import base as _base
from .base import *  # noqa: F401,F403

__all__ = _base.__all__ + ["extra"]  # computed; "extra" is a submodule: `from summed import *` loads it
