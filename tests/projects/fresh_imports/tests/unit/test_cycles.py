import app.cyc.a  # IMG105 "app/cyc/b.py:2 imports 'LATE' from 'app.cyc.a', which is only partly initialised then"
from app.cyc import c  # IMG105 "app/cyc/d.py:1 imports 'NAME' from 'app.cyc.c'"
from app.cyc.e import SECOND
from app.cyc import g
from app.cyc.h import read


def test_cycles():
    return SECOND, g, read, c
