class Thread:
    pass


class Session:
    pass
