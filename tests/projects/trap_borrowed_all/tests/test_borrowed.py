from app.all_models import Base, Extra, Model
from app.all_models import Hidden  # IMG102
from app.models import Base, Extra, Hidden
from app.all_api import Api, Base, Extra
from app.all_registry import Alpha, Beta
from app.all_greek import Gamma, Delta
from app.distributions import norm, norm_gen, rv_histogram
from app.distributions import uniform  # unknown: app.continuous' __all__ is known once it ran
