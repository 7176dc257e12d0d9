class Dial:
    pass
