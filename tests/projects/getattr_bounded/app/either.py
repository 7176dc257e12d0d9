def __getattr__(name):
    if name == "first" or name == "second":
        return 1
    raise AttributeError(f"no {name}")
