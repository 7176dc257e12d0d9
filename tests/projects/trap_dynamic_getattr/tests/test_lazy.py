from app.lazy import Table, Chart, tables
from app.lazy import Sofa  # IMG102 "'Sofa' is not defined in 'app.lazy'"
import app.lazy.tables
import app.lazy.sofas  # IMG101
from app.lazy.sofas import Sofa  # IMG101
from app.lazy.tables import Table
from app.lazy.tables import Sofa  # IMG102
from app.settings import DEBUG, DATABASE_URL
from app.settings import lower_case  # unknown: a module __getattr__ decides at runtime
import app.settings.sub  # IMG101
from app.eager import Widget
from app.eager import Gadget  # IMG102
from app.deprecated import Widget, OldWidget
from app.deprecated import NewWidget  # IMG102
from app.forward.model_selection import GridSearch  # there: found through the __path__ that app.forward's __getattr__ serves
import app.forward.nowhere  # unknown: app.forward's __getattr__ decides (CPython: not in app.real either)
import app.deprecated.sub  # IMG101
