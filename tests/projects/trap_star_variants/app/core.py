"""numpy._core: star-imports numeric, whose `__all__` is complete only once it ran."""
from app.numeric import *
