"""Imports a name from outside for its own use."""
from datetime import timezone

UTC = timezone.utc
