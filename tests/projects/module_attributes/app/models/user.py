import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.models.billing import Invoice


class Plan(enum.Enum):
    FREE = "free"


class Session:
    pass


def make_user(name):
    return {"name": name}
