"""flake8-importguard: keep test imports of first-party code honest."""
__version__ = "0.1.0"
