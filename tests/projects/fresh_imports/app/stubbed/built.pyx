def slow():
    return 1


def fast():
    return 2
