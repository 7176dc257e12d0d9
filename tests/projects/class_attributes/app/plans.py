import ctypes
import enum
from collections import OrderedDict
from enum import IntEnum


class Plan(enum.Enum):
    """`FREE` was renamed to `BASIC`."""

    BASIC = "basic"
    PRO = "pro"


class Seats(IntEnum):
    ONE = 1
    MANY = 2


class Limits:
    MAX = 3

    @classmethod
    def configure(cls):
        cls.CONFIGURED = True


class Team(Limits):
    """Inherits MAX."""

    class Roles:
        OWNER = "owner"


class Registry(OrderedDict):
    pass


Limits.EXTRA = 1  # set on the class by its module


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int)]  # the metaclass makes `Point.x`


class Lazy(type):
    def __getattr__(cls, name):
        return name


class Anything(metaclass=Lazy):
    pass


class Codes(IntEnum):
    OK = 200


for _code in Codes:
    setattr(Codes, _code.name.lower(), int(_code))  # `Codes.ok`, as httpx does


class Account:
    def __init__(self):
        self.owner = "someone"


class Machine(IntEnum):
    X86_64 = 62
    ARM = 40
