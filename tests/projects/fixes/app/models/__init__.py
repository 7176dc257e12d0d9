from .session import Session
from .user import User
