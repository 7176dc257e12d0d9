from ..helpers import make_order
from .. import helpers
from ..helpers import make_invoice  # IMG102
from ..fixtures import data  # IMG101
from app.orders import Order
