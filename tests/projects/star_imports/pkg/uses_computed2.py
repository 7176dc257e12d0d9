from .computed2 import *
