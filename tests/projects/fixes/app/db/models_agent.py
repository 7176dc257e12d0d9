__all__ = ["Thread", "Message"]


class Thread:
    def __init__(self, title=""):
        self.title = title


class Message:
    pass
