class ConnectionManager:
    def __init__(self):
        self.active = []
