config = {"debug": False}
