def __getattr__(name):
    if name.startswith("Get"):
        return name
    raise AttributeError(name)
