"""The interrupt signal of this platform, offered as the project's own (its __all__)."""
import sys

if sys.platform == "win32":
    from signal import CTRL_C_EVENT as SIGINT
else:
    from signal import SIGINT

__all__ = ["SIGINT"]
