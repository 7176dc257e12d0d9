"""A package reads the name of a submodule that an import binds on it (CPython sets it)."""
from .sub import helper

SUB = sub.helper
HELPER = helper
