class Thread:
    def __init__(self, title=""):
        self.title = title


class Message:
    def __init__(self, thread, text=""):
        self.thread = thread
        self.text = text
