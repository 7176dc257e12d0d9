import typing
from typing import TYPE_CHECKING
from typing import TYPE_CHECKING as TC

if typing.TYPE_CHECKING:
    from app.models import User

if TYPE_CHECKING:
    from app.models import Order
else:
    Order = "Order"  # a runtime stand-in: bound either way

if not TYPE_CHECKING:
    RUNTIME_ONLY = True

if TYPE_CHECKING:
    if True:
        from app.models import Invoice  # nested under TYPE_CHECKING: still never at runtime

if TC:  # an alias the tool does not read as TYPE_CHECKING: it counts the name as bound
    from app.models import User as AliasedUser

if False:
    DEAD = 1


def service(user: "User") -> "Order":
    return Order
