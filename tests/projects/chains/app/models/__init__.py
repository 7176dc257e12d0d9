"""The models, re-exported."""
from .user import User
from .session import Session
