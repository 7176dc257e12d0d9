FIRST = 1
from app.cyc import f
SECOND = 2
