"""astropy.constants: the package hands itself to a helper that sets each constant on it by a
computed name (`setattr(module, c.abbrev, value)`): c and h exist, the source shows neither."""
from app.constants import _helpers

_helpers.set_constants({"c": 299792458.0, "h": 6.62607015e-34}, _helpers.find_current_module())
