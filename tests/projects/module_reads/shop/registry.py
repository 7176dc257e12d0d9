REGISTERED = []


def register(cls):
    REGISTERED.append(cls)
    return cls
