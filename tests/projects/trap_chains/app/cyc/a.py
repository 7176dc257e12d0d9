import app.cyc.b
from app.cyc.gone import nothing
