from .cycle_a import *

InB = 2
_private_b = 3
