class Later:
    pass
