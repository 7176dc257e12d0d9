import app.matched as _target


def __getattr__(name):
    return getattr(_target, name)
