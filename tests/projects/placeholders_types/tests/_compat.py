"""cattrs' tests/_compat.py: aliases of builtins that the tests import from here (this module is
their home, not a stand-in for one)."""
List_origin = list
Dict_origin = dict
