import app.data.loader
import app.data.gone  # IMG101 "module 'app.data.gone' does not exist"
from app.data import loader
from app.data import gone  # IMG102
from app.data.loader import load
import app.data.templates
import app.data.templates.gone  # IMG101
from app.data.templates import nothing  # IMG102
import app.dyn.ns.thing
import app.dyn.ns.gone  # unknown: the package extends its __path__
from app.dyn.ns import gone as g2  # unknown: the package extends its __path__
import app.lazy.ns.thing
import app.lazy.ns.gone  # IMG101
