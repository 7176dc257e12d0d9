from app._lazy import inject

inject(DEFAULT_TIMEOUT=3)
TIMEOUT = DEFAULT_TIMEOUT * 2  # noqa: F821 (bound by inject(), through its caller's frame)
