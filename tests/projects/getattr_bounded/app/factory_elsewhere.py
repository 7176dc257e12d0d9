from app.factory import _make_getattr

__getattr__ = _make_getattr(__name__)
