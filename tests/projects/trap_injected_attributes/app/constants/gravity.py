"""The same, handed itself as importlib finds it."""
import importlib

from app.constants._helpers import set_constants

set_constants({"G": 6.6743e-11}, module=importlib.import_module(__name__))
