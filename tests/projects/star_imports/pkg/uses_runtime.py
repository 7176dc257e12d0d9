from .runtime_all import *
