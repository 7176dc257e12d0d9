from helpers.core import setup  # IMG106 "fails unless another test has already imported 'helpers.core': lib/helpers/__init__.py:2 imports 'helpers.missing', which does not exist"
from tools import REGISTRY
