class CancelScope:
    pass


class Event:
    pass
