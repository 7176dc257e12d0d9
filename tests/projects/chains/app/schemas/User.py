class UserUpdate:
    pass
