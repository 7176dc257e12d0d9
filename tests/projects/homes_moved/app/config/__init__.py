"""Reads the configuration: imports filter_for_env for its own use, not to offer it."""
from app.config.factor import filter_for_env


def load(text):
    return filter_for_env(text, "py")
