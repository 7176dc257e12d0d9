from pkg.api import Model  # IMG102 "only under TYPE_CHECKING"
from pkg.api import Both, RuntimeOnly, Later, TYPE_CHECKING
from pkg.api import OnlyForTypes  # IMG102
from pkg.api import AlsoTyping  # IMG102
from pkg.api import NotAtRuntime  # IMG102
from pkg.api import Never  # IMG102
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkg.api import Model, OnlyForTypes  # only type checkers run this: never a runtime failure
    from pkg.gone import Anything
    import pkg.gone
else:
    from pkg.api import Missing  # IMG102
