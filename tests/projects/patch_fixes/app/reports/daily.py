def render():
    return "daily"
