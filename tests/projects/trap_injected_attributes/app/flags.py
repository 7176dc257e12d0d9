from app import features  # noqa: F401  (sets the flags on this module)
