def make_user():
    return 1


def make_admin():
    return 2
