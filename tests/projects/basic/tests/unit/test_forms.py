import app
import app.models.user
import app.models.missing  # IMG101 "module 'app.models.missing' does not exist"
import app.services.billing as billing
import app.services.nothing as nothing  # IMG101
import app.models.user.deeper  # IMG101
from app.models import User, Session  # IMG102 "'Session' is not defined in 'app.models'"
from app.models import User as U, UserSessionAlias, orders
from app.models import Ghost  # IMG102
from app.models.user import ADMIN, counter, first, second, rest, loop_var, handle_file
from app.models.user import walrus_name, load_user, matched_value
from app.models.user import made_by_global  # unknown: written by a function that may run
from app.models.user import typing, _OD
from app.models.user import annotated_only  # IMG102
from app.models.user import temporary  # IMG102
from app.models.user import Usr  # IMG102 "did you mean 'User'?"
from app.models.orders import Order, Orders  # IMG102
from app.util import text
from app.util import texts  # IMG102
from app.util.text import slugify
from app import VERSION, models, services
from app import nonexistent_module  # IMG102
from ..helpers import make_user
from .. import helpers
from ..helpers import make_admin  # IMG102
from . import sibling  # IMG102
from tests.helpers import make_user as mu
from tests.nothing import x  # IMG101
import os
import json.decoder
from collections import OrderedDict
from not_installed_anywhere import something  # unknown: third-party, the environment's business


def test_nested():
    from app.models import User
    from app.models import Nope  # IMG102

    class Inner:
        from app.models.session import Session
        from app.models.session import Sesion  # IMG102 "did you mean 'Session'?"

    if User:
        import app.models.gone  # IMG101
    try:
        from app.services.billing import charge  # IMG204
        from app.services.billing import refund  # IMG102 IMG204
    except ImportError:
        pass
    with open(__file__):
        from app.util.text import slug  # IMG102
