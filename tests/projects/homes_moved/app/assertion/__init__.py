"""Binds rewrite_asserts as a fallback only: its home is app.assertion.rewrite."""
try:
    from app.assertion.rewrite import rewrite_asserts
except ImportError:
    rewrite_asserts = None
