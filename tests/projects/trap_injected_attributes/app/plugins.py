"""Plugins register themselves on the package at import time."""
import app

app.registry = {}
setattr(app, "hooks", [])
