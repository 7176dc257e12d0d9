"""No __all__, but __getattr__ delegates: asked for __all__, it answers with target's."""
import app.delegating.target as _target

Alpha = _target.Alpha


def __getattr__(name):
    return getattr(_target, name)
