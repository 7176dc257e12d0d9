import sys


class Backend:
    @staticmethod
    def export(cls):
        """matplotlib's `_Backend.export`: sets the class's names on the module that defines it."""
        for name in ["FigureCanvas", "show"]:
            setattr(sys.modules[cls.__module__], name, getattr(cls, name))
        return cls


def declare_block(name):
    """pyomo's `declare_custom_block(name=...)`: a decorator factory whose decorator sets a class it
    makes on the module of the class it decorates."""
    def decorator(data_class):
        made = type(name, (data_class,), {"__module__": data_class.__module__})
        setattr(sys.modules[data_class.__module__], name, made)
        return data_class
    return decorator
