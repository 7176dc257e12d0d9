from core import run
from core import runn  # IMG102 "did you mean 'run'"
from helpers import build
from helpers import destroy  # IMG102
from . import helpers  # unknown: no parent package; pytest's import mode decides
