from .impl import maybe
