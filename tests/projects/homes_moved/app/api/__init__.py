"""The API's public names: Body is only re-exported; Router is read here too, and listed in __all__."""
from app.api.params import Body
from app.api.routing import Router

__all__ = ["Body", "Router"]

DEFAULT = Router()
