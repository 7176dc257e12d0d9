from app import VERSION, registry, hooks
from app import plugins
from app import nothing  # IMG102
from app.config import DEBUG, DATABASE_URL, LOADED
from app.config import PASSWORD  # IMG102
from app.flags import DARK_MODE, BETA
from app.flags import ANYTHING  # unknown: another module sets computed names on it
from app.settings import ENV
from app.settings import TESTING  # set by conftest.py, which pytest imports first
from app.settings import TIMEOUT  # IMG102
from app.constants import c, h  # set by app.constants' helper on the module it is handed
from app.constants import k_B  # unknown: the helper may set any name it is handed
from app.constants.gravity import G
from app.constants.fixed import fixed
from app.constants.fixed import nothing_here  # IMG102
from app.backends.agg import FigureCanvas, show
from app.backends.agg import FigureManager  # unknown: the decorator sets names it computes
from app.backends.blocks import CutGenerator  # made by the decorator its factory returned
from app.qt_compat import QtCore, json_module
from app.qt_compat import QtGui  # IMG102
