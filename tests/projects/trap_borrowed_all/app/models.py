from app.base import *
from app.base import __all__ as _base_all

__all__ = list(_base_all) + ["Model"]


class Model:
    pass


class Hidden:
    pass
