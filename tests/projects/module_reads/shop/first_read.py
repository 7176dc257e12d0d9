"""The read comes before an import that would fail."""
VALUE = missing_value

from shop.registry import unregister  # noqa: E402
