from app.compat import cached_property, json, fast_sum, OptionalThing, LOADED, AFTER_WHILE, HEADER
from app.compat import WINDOWS_ONLY  # unknown: bound only on a platform this is not
from app.compat import MAC_ONLY  # unknown: bound only on a platform this is not
from app.compat import HAS_EXTRA  # unknown: bound only when an optional import works
from app.compat import NEVER_LOOPED  # unknown: a loop that never runs
from app.compat import PATH_SEP  # unknown: deleted in a branch that runs
from app.compat import sys
from app.compat import ujson  # IMG102
from app.compat import speedups  # IMG102
import app._speedups  # IMG101
from app._pure import fast_sum
