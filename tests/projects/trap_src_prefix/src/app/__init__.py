from app.core import Engine
