"""A name imported only for type checkers, read as the module runs: NameError."""
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shop.registry import REGISTERED

COUNT = len(REGISTERED)
