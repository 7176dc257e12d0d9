def make_user():
    return 1
