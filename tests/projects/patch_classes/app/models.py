import dataclasses
import enum

from app.base import Base, Registry
from app import base


class User(Base):
    __slots__ = ("name", "email")
    table = "users"

    def __init__(self, name):
        self.name = name
        self.session = None

    def delete(self):
        type(self).deleted = True

    class Meta:
        ordering = "name"


class Admin(User):
    def promote(self):
        return True


class Team(base.Base):
    pass


@dataclasses.dataclass
class Point:
    x: int = 0


class Plan(enum.Enum):
    FREE = "free"


class Plugin(Registry):
    pass


class Meta(type):
    pass


class Tagged(metaclass=Meta):
    pass


class Dynamic:
    pass


for _name in ("alpha", "beta"):
    setattr(Dynamic, _name, _name)


class Registered:
    pass


def register(cls):
    cls.hook = True
    return cls


register(Registered)


class Patched:
    pass


Patched.extra = 1


class Lazy:
    def __getattr__(self, name):
        return name


if dataclasses:
    class Twice:
        one = 1
else:
    class Twice:
        two = 2


admin = Admin("root")
