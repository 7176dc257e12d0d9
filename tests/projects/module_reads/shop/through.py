"""Fine itself; it imports a module whose read fails."""
from shop.plugins import Plugin

PLUGINS = [Plugin]
