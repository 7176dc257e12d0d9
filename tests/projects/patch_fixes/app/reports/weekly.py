def render():
    return "weekly"
