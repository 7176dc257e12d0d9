"""A package: the import system gives it `__path__` besides what every module object has."""
