import enum


class Status(enum.Enum):
    ACTIVE = "active"
    BLOCKED = "blocked"
