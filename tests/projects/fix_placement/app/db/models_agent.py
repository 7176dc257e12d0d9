class Thread:
    pass


class Message:
    pass
