config = {"debug": False}
Headers = str  # a type alias of a builtin, not a class
