from app.fine.core import Core

try:
    from app.fine.extra import Extra
except ImportError:
    Extra = None
