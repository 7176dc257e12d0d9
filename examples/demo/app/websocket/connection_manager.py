class ConnectionManager:
    """Keeps the open websocket connections."""

    def __init__(self):
        self.active = []
