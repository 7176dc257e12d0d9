"""A package that replaces itself in sys.modules with a lazy module (celery's recreate_module)."""
import importlib
import sys
import types


class LazyModule(types.ModuleType):
    def __getattr__(self, name):
        for module, names in self._by_module.items():
            if name in names:
                return getattr(importlib.import_module(module), name)
        raise AttributeError(name)


def recreate(name, by_module):
    old = sys.modules[name]
    new = sys.modules[name] = LazyModule(name)
    new.__dict__.update(old.__dict__)
    new._by_module = by_module
    return new
