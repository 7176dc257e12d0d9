from app.models import User  # IMG105 "importing 'app.models' fails: app/models/__init__.py:3 imports 'Session' from 'app.models.session', which does not define it; 'Session' is defined in 'app.db.sessions'"
from app.models.user import User as U  # IMG106 "fails unless another test has already imported 'app.models.user'"
import app.models  # IMG105
import app.models.session  # IMG106
from app.services.billing import charge  # IMG105 "importing 'app.services.billing' fails: app/models/__init__.py:3"
from tests.helpers import make  # IMG105 "importing 'tests.helpers' fails: app/models/__init__.py:3"
from .helpers import make as make2  # IMG105
from app.schemas.other import X  # IMG105 "app/schemas/__init__.py:1 imports 'app.schemas.user', which does not exist: the file is 'app/schemas/User.py'"
from app.services import reports  # IMG105 "app/services/reports.py:1 imports 'app.services.gone_module', which does not exist"
from app.views import render  # IMG105 "app/views/api.py:1 imports 'Sesion' from 'app.db.sessions', which does not define it; did you mean 'Session'?"
from app.views.pages import render as render2  # IMG106
from app.models import User, Ghost  # IMG102 IMG105
from app.util.text import slugify
from app.services import mailer
from app.db.sessions import Session
import app.schemas.User  # IMG105 "the file is 'app/schemas/User.py'"


def test_inside():
    from app.models.session import UserSession  # IMG106
    from app.services.mailer import send
    return UserSession, send, User, U, charge, make, make2, X, reports, render, render2, slugify, mailer, Session


def test_case():
    from app.schemas.user import UserUpdate  # IMG101 "module 'app.schemas.user' does not exist; the file is 'app/schemas/User.py'"
    import app.schemas.user.deeper  # IMG101 "the file is 'app/schemas/User.py'"
    return UserUpdate
