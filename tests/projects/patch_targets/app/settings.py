def __getattr__(name):
    """Every setting is served, whatever its name."""
    return f"setting:{name}"
