"""Reads that never fail at import, or that nobody can be sure of: silent."""
from __future__ import annotations

import builtins
import gettext
import sys
from typing import TYPE_CHECKING

from shop.stars import *  # noqa: F403

if TYPE_CHECKING:
    from shop.models import User
else:
    User = object

gettext.install("shop")
GREETING = _("hello")  # gettext.install puts `_` in the builtins
builtins.SHOP_INSTALLED = True
SEEN = SHOP_INSTALLED  # noqa: F821 (set in the builtins just above)
FLAG = False
SHORT = FLAG and undefined_one  # noqa: F821
CHOSEN = undefined_two if FLAG else 1  # noqa: F821
EMPTY = [undefined_three for _ in ()]  # noqa: F821
LAZY = (undefined_four for _ in range(2))  # noqa: F821
LATER = 1 < 0 < undefined_five  # noqa: F821
FROM_STAR = STARRED  # noqa: F405
FILE, NAME = __file__, __name__
GROUP = ExceptionGroup if sys.version_info >= (3, 11) else Exception  # noqa: F821
CALLBACK = lambda: undefined_six  # noqa: E731, F821


def annotated(value: Undefined7 = None) -> Undefined8:  # noqa: F821
    return undefined_nine  # noqa: F821


def setup():
    global LATE_GLOBAL
    LATE_GLOBAL = 1


setup()
LATE = LATE_GLOBAL

try:
    CAUGHT = undefined_ten  # noqa: F821
except NameError:
    CAUGHT = None

if sys.platform == "never":
    NEVER = undefined_eleven  # noqa: F821
for item in ():
    NEVER_LOOPED = undefined_twelve  # noqa: F821
if (walrus := 1):
    WALRUS = walrus
match sys.platform:
    case captured:
        MATCHED = captured


class Prepared(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return {"magic": 42}


class Rules(metaclass=Prepared):
    value = magic  # noqa: F821


class Own:
    first = 1
    second = first + 1
    label = __qualname__
