"""A plain module: no `__path__`, no `__version__`."""
from app.cycle import partner_name

VALUE = 1
