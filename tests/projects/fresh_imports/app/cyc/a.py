EARLY = 1
from app.cyc import b
LATE = 2
