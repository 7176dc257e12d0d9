"""A helper the tests load by name (`importlib.import_module("fakes").Executor`): its own fake,
defined nowhere else, is what it offers, no placeholder; a mock of a name the project defines
still is. (The helper is `fakes` on the sys.path its rootdir puts first, `tests.unit.fakes` from
the project's root: neither is a home of its own.)"""
from unittest.mock import Mock

Executor = Mock()
Engine = Mock()  # IMG201 "'Engine' is a mock standing in for first-party code; 'Engine' is defined in 'core'"
