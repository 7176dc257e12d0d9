"""Names made in bulk at import time."""
import enum
import sys
from collections import namedtuple

Color = enum.Enum("Color", "RED GREEN")  # members live on Color, not on the module
Point = namedtuple("Point", "x y")

globals().update({f"LEVEL_{n}": n for n in range(3)})
