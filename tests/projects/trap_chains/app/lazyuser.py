from app.lazy import Anything
