from app.orders.models import Order
from . import anything  # unknown: no package here, a relative import has no parent
