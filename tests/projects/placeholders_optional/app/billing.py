from __future__ import annotations

import decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import not_installed_typing_helpers


class Invoice:
    total = decimal.Decimal("0")
