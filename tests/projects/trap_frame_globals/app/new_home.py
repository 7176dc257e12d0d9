class Relocated:
    pass


SETTING = 42
