from typing import TYPE_CHECKING

from app._lazy import install_lazy_importer

if TYPE_CHECKING or not install_lazy_importer({"CancelScope": "app.core.CancelScope"}):
    from app.core import Event
