class Body:
    pass
