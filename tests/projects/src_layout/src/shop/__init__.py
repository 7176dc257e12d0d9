from .orders.models import Order

__all__ = ["Order"]
