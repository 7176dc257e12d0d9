import sys

_self = sys.modules[__name__]
for _name in ("alpha", "beta"):
    setattr(_self, _name.upper(), _name)
