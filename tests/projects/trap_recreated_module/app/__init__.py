from typing import TYPE_CHECKING

from . import lazy

if TYPE_CHECKING:
    from app.engine import Engine

lazy.recreate(__name__, {"app.engine": ["Engine"]})
