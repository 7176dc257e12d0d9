from app.services import Order, RUNTIME_ONLY, service, TC, typing
from app.services import User  # IMG102 "only under TYPE_CHECKING"
from app.services import Invoice  # IMG102 "only under TYPE_CHECKING"
from app.services import AliasedUser  # unknown: bound under an aliased TYPE_CHECKING
from app.services import DEAD  # IMG102
from app.models import User, Order, Invoice
