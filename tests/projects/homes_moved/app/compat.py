"""Defines its own fallback of a third-party function: its home."""
try:
    from ujson import dumps
except ImportError:
    def dumps(value):
        return str(value)
