DEBUG = False

from app.config import loader  # noqa: E402  (fills in the rest)
