from .cycle_b import *

InA = 1
