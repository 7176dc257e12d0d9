from app import Engine
from app.core import Engine
import src.app.core  # the project root is on the path too: src is a namespace package there
from src.app.core import Engine
from src import app
from src.app import Motor  # IMG102
import src.app.gone  # IMG101
import app.gone  # IMG101
