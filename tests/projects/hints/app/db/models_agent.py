class Thread:
    pass
