"""Moved: importing it yields app.new_home in its place."""
from app._lazy import relocated

relocated("app.new_home")
