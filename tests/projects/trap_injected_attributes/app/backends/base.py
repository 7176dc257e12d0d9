import sys


class Backend:
    @staticmethod
    def export(cls):
        """matplotlib's `_Backend.export`: sets the class's names on the module that defines it."""
        for name in ["FigureCanvas", "show"]:
            setattr(sys.modules[cls.__module__], name, getattr(cls, name))
        return cls
