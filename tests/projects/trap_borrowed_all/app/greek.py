from app.letters import *
from app.names import NAMES

__all__ = NAMES + []
