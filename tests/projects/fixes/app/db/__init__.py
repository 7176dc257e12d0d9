from .models_agent import *  # noqa: F401,F403  (a star import is not an explicit re-export)
