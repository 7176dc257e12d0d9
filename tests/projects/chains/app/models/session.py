class UserSession:
    pass
