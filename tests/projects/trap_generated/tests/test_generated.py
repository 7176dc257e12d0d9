from app.proto.user_pb2 import User, UserList, DESCRIPTOR
from app.proto.user_pb2 import Missing  # unknown: names made by the generated builder
from app.proto.order_pb2 import Order
from app.proto.order_pb2 import Refund  # unknown: names made by the generated builder
from app.proto import user_pb2, order_pb2
import app.proto.invoice_pb2  # IMG101
from app.meta import __version__
from app.constants import Color, Point, LEVEL_0, LEVEL_2
from app.constants import RED  # unknown: globals() is changed in this module
from app.registry import ALPHA, BETA
from app.registry import GAMMA  # unknown: the module changes itself through sys.modules
from app.by_vars import GENERATED
from app.reads_locals import Client
from app.reads_locals import Session  # IMG102
from app.writes_locals import MADE, ALSO_MADE  # made through an alias of locals()
from app.hands_locals import FILLED  # made by a function given an alias of locals()
from app.enums import Status
from app.enums import ACTIVE  # IMG102
