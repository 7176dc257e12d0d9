_MOVED = {"OldClient": "Client"}


class Client:
    pass


def __getattr__(name):
    if name not in _MOVED:
        raise AttributeError(name)
    return globals()[_MOVED[name]]
