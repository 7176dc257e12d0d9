"""Submodules that exist only in sys.modules, under keys the module spells out."""
import sys
import types

sys.modules["virt.registry.extra"] = types.ModuleType("virt.registry.extra")


def make():
    key = "virt.registry.made"
    sys.modules[key] = types.ModuleType(key)


make()
