"""webob.compat: Python 2 code in an exec() of a literal that does not parse on Python 3, in the
branch Python 3 skips; it binds nothing."""
import sys

text_type = str
if sys.version_info[0] >= 3:
    def reraise(exc_info):
        raise exc_info[1]
else:
    exec("def reraise(exc): raise exc[0], exc[1], exc[2]")
