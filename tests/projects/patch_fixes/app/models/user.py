class Session:
    pass


def make_user(name):
    return {"name": name}
