class ConnectionManager:
    pass


def broadcast_message(text):
    return text


CONNECTION_LIMIT = 10
