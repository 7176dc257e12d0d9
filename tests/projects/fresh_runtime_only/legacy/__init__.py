"""webob: the package reads a name its dropped import no longer binds (NameError)."""
from legacy.compat import text_type

ResponseClass = Response
