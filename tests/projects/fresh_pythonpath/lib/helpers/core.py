def setup():
    return "ready"
