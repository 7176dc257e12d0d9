from .. import Order, billing, models
from ..models import Order, Invoice
from ...billing.invoices import Invoice
from ... import orders, billing
from .. import Cart  # IMG102
from ..carts import Cart  # IMG101
from ...shipping import Parcel  # IMG101
from .... import beyond  # unknown: beyond the top-level package, not a first-party module
from . import helpers  # IMG102
