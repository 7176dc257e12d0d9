from app.lazylate import d


def __getattr__(name):
    if name == "LAZY":
        return 1
    raise AttributeError(name)
