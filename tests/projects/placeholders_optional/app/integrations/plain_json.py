"""Imports nothing it needs from outside: a faster json when there is one, the standard one
otherwise."""
try:
    import not_installed_fast_json as json
except ImportError:
    import json


def dumps(value):
    return json.dumps(value)
