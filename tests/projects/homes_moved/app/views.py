def render():
    return ""
