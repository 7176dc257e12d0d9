from app.cyc.e import FIRST
from app.cyc import e


def later():
    return e.SECOND, FIRST
