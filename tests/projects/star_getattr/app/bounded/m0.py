"""No __all__; a bounded __getattr__ (a deprecation shim): 'Lazy' is served, never copied."""


class Eager:
    pass


def __getattr__(name):
    if name == "Lazy":
        return Eager
    raise AttributeError(name)
