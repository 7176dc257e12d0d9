from app import base
from app.base import *

__all__ = base.__all__ + ["Api"]


class Api:
    pass
