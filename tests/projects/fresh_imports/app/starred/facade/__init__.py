from ..api import *
