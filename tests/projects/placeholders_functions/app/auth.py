def register(user):
    return user


class Widget:
    pass
