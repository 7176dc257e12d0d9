from .base import *
from .cycle_a import *
from .computed import *
