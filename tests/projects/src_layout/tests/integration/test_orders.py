from shop import Order
from shop.messages import BaseMessage  # unknown: defined, but its third-party source is not installed here
from shop.messages import AIMessage  # IMG102
from shop import Cart  # IMG102
from shop.orders.models import Order as O
from shop.orders.model import Order  # IMG101 "'Order' is defined in 'shop.orders.models'"
from shop.payments import Payment  # IMG101 "'Payment' is defined nowhere in the project"
from factories import make_order  # works: pytest puts conftest.py's directory on sys.path
from tests.factories import make_order
from tests.factories import make_customer  # IMG102
import src.shop
