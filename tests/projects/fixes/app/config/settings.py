def make_config():
    return {}


Config = make_config()  # a value, not a class
