import inspect


def find_current_module():
    """The module of the caller (astropy.utils.find_current_module)."""
    return inspect.getmodule(inspect.currentframe().f_back)


def set_constants(values, module):
    for abbrev, value in values.items():
        setattr(module, abbrev, value)


def set_one(module, value):
    setattr(module, "fixed", value)  # a literal name: only `fixed`
