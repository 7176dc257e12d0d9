from app.models.user import User
from .session import Session as UserSessionAlias

__all__ = ["User", "Ghost"]  # listing a name in __all__ does not define it

from . import orders  # binds the submodule
