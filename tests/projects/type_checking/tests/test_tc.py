from pkg.api import Model  # IMG102 "only under TYPE_CHECKING"
from pkg.api import Both, RuntimeOnly, Later, TYPE_CHECKING
from pkg.api import OnlyForTypes  # IMG102
from pkg.api import AlsoTyping  # IMG102
from pkg.api import NotAtRuntime  # IMG102
from pkg.api import Never  # IMG102
