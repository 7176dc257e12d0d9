"""Near names of the right kind: a submodule is offered for a misspelt module name, not for a
function-like name that merely contains it; a class is not offered a shorter name that drops its
last word (`OrderLine` is a line, not an `Order`)."""
from app.shop import make_customer  # IMG102 "'make_customer' is defined nowhere in the project"
from app.shop import custmer  # IMG102 "did you mean 'customer'?"
from app.shop import customer
from app.shop.orders import OrderLine  # IMG102 "'OrderLine' is defined nowhere in the project"
from app.shop.orders import Ordr  # IMG102 "did you mean 'Order'?"
from app.shop.orders import ShopOrder  # IMG102 "did you mean 'Order'?"
from app.shop.orders import Order, LineItem
