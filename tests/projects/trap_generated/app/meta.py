"""setup.py-style version reading: the names come from another file, executed."""
import os

with open(os.path.join(os.path.dirname(__file__), "_version.py")) as _f:
    exec(_f.read())
