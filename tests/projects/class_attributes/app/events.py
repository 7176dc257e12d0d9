"""sqlalchemy's events: a class whose metaclass sets `dispatch` on the target another class
names (`PoolEvents._target = Pool`), where the target only annotates it."""


class _EventsMeta(type):
    def __init__(cls, name, bases, namespace):
        super().__init__(name, bases, namespace)
        target = namespace.get("_target")
        if target is not None:
            setattr(target, "dispatch", cls)


class Events(metaclass=_EventsMeta):
    pass
