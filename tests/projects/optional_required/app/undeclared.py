import not_declared_anywhere_lib


def thing():
    return 1
