from app.starred.api import *  # IMG102 "'Gone' is not defined in 'app.starred.api'; its __all__ lists it"
import app.starred.facade  # IMG105 "app/starred/facade/__init__.py:1 star-imports 'app.starred.api', whose __all__ lists 'Gone'"
from app.starred.facade import Kept  # IMG105 "star-imports 'app.starred.api'"
from app.starred.computed import *
from app.starred.lazy import *
from app.starred.cond import *
from app.starred.subpkg import *
import app.starred.quiet


def test_star():
    return Kept, app
