VERSION = "1"

from app import plugins  # noqa: E402  (sets app.registry and app.hooks)
