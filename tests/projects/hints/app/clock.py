from datetime import datetime, timezone
from typing import Any


def now() -> Any:
    return datetime.now(timezone.utc)
