"""No __all__; star-imports a module whose unbounded __getattr__ refuses __all__."""
from app.plain.m0 import *


class Own:
    pass
