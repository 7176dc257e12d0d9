class Duplicate:
    pass
