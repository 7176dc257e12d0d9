from app.cyc.a import EARLY
from app.cyc.a import LATE


def use():
    return EARLY, LATE
