from app.ui import Widget, buttons, sliders
from app.ui import dials  # IMG102
from app.ui import Button  # IMG102
from app.uses_lazy import Eager, Lazy
from app.uses_ns import PLAIN
from app.uses_ns import _PRIVATE  # IMG102
from app.uses_maybe import Listed
from app.uses_maybe import Unlisted  # unknown: __all__ is bound in a branch, the tool cannot tell which
from app.uses_reexports import json, buttons
from app.uses_reexports import widgets  # IMG102
from app.core import ones, array_repr  # array_repr: in app.numeric's __all__ once extend_all ran
from app.core import array_html  # unknown: app.numeric's __all__ is known only once it ran
