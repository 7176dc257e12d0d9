"""six.moves style: a submodule that exists only in sys.modules."""
import sys
import types
from urllib.parse import urljoin

_moves = types.ModuleType(__name__ + ".moves")
_moves.urljoin = urljoin
sys.modules[__name__ + ".moves"] = _moves

PY3 = True
