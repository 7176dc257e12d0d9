from .models import Order
from . import models as _models
from .. import billing
