import app.cyc.d  # the partner first: d runs c to its end, then takes its name
from app.cyc.c import NAME
from app.cyc.f import later


def test_entered():
    return NAME, later
