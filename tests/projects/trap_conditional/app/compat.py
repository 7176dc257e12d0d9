"""Definitions that depend on where the code runs: every branch binds a name."""
import sys

if sys.version_info >= (3, 8):
    from functools import cached_property
else:  # pragma: no cover
    cached_property = property

if sys.platform == "win32":  # pragma: no cover
    PATH_SEP = "\\"
    WINDOWS_ONLY = True
elif sys.platform == "darwin":  # pragma: no cover
    PATH_SEP = "/"
    MAC_ONLY = True
else:
    PATH_SEP = "/"

try:
    import ujson as json
except ImportError:
    import json

try:
    from app._speedups import fast_sum  # a compiled helper, absent here
except ImportError:
    from app._pure import fast_sum

try:
    from app._optional_extra import OptionalThing
except ImportError:
    OptionalThing = None
else:  # pragma: no cover
    HAS_EXTRA = True
finally:
    LOADED = True

while False:
    NEVER_LOOPED = 1
else:
    AFTER_WHILE = 1

with open(__file__) as _handle:
    HEADER = _handle.readline()

if PATH_SEP == "/":
    del PATH_SEP  # a del inside a branch: maybe gone, maybe not
