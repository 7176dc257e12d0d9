class Thread:
    title = ""


class Message:
    text = ""
