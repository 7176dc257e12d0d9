class Chart:
    pass
