import sys

if sys.version_info >= (3,):
    def maybe():
        return 1
